/**
 * One document under review in the window: its cases (every annotator's spans, compared), its
 * curated (gold) layer, which case is current, and the adjudication commands — each undoable
 * through the window's History, the way span commands are (../commands/span-editor.ts).
 *
 * Undo puts the gold layer back as it was before the step (restoreCurated), and only if nothing
 * else changed it in between (its revision): an undo never overwrites a change it did not make.
 *
 * Framework-free; the review screen renders it and calls `onChange` subscribers' redraw.
 * Offsets are UTF-16 code units.
 */
import type {
  CuratedChange,
  CuratedLayer,
  CuratedSnapshot,
  DocumentReview,
  WorkbenchClient,
} from '../../shared/api';
import type { ReviewStatus } from '../../shared/model';
import {
  acceptAgreedSteps,
  caseState,
  unsettledCases,
  type CaseState,
  type ReviewedCase,
} from '../../shared/review/adjudication';
import { isDisagreement } from '../../shared/review/review-cases';
import type { AdjudicationStep, EditedSpan } from '../../shared/review/review-schema';
import type { History } from '../commands/history';
import { unwrap } from '../commands/span-editor';

type Client = Pick<WorkbenchClient, 'adjudicate' | 'setReviewStatus' | 'restoreCurated'>;

/**
 * The revision of each document's gold layer as this window last saw it. Undo expects it,
 * whichever visit to the review screen made the step being undone: a step made before leaving
 * the screen can still be undone after coming back, but not over a change made elsewhere.
 */
const seenRevision = new Map<string, number>();

/** The sessions on screen, per document: an undo redraws whichever one shows that document. */
const live = new Map<string, Set<ReviewSession>>();

export interface ReviewSessionOptions {
  client: Client;
  history: History;
  review: DocumentReview;
  /** Only cases in which some annotator used this label are stepped through; null: all. */
  label?: string | null;
  onChange?: () => void;
}

export class ReviewSession {
  readonly doc: string;
  readonly annotators: readonly string[];
  readonly cases: readonly ReviewedCase[];
  private curatedLayer: CuratedLayer;
  private currentKey: string | null = null;
  private labelFilter: string | null;

  constructor(private readonly options: ReviewSessionOptions) {
    this.doc = options.review.doc;
    this.annotators = options.review.annotators;
    this.cases = options.review.cases;
    this.curatedLayer = options.review.curated;
    seenRevision.set(this.doc, this.curatedLayer.revision);
    live.set(this.doc, (live.get(this.doc) ?? new Set<ReviewSession>()).add(this));
    this.labelFilter = options.label ?? null;
    this.currentKey = this.disagreements()[0]?.key ?? null;
  }

  /** The screen is done with this session: later undos redraw other sessions only. */
  dispose(): void {
    live.get(this.doc)?.delete(this);
  }

  get curated(): CuratedLayer {
    return this.curatedLayer;
  }

  get label(): string | null {
    return this.labelFilter;
  }

  /** The case in focus, if any. */
  get current(): ReviewedCase | null {
    return this.cases.find((c) => c.key === this.currentKey) ?? null;
  }

  setLabel(label: string | null): void {
    this.labelFilter = label;
    if (this.current && !this.inFilter(this.current)) {
      this.currentKey = this.disagreements()[0]?.key ?? null;
    }
    this.changed();
  }

  /** The disagreements the reviewer steps through (within the label filter), in text order. */
  disagreements(): ReviewedCase[] {
    return this.cases.filter((c) => isDisagreement(c.kind) && this.inFilter(c));
  }

  stateOf(reviewCase: ReviewedCase): CaseState {
    return caseState(this.curatedLayer, reviewCase);
  }

  unsettled(): ReviewedCase[] {
    return unsettledCases(this.curatedLayer, this.cases);
  }

  /** Agreed cases not settled yet: what "accept everything agreed" would take. */
  agreedToAccept(): number {
    return acceptAgreedSteps(this.curatedLayer, this.cases).length;
  }

  select(key: string | null): void {
    if (key !== null && !this.cases.some((c) => c.key === key)) return;
    this.currentKey = key;
    this.changed();
  }

  /** The case holding this annotator's span, or whose decision made this gold span. */
  caseOfSpan(annotator: string | null, spanId: string): ReviewedCase | null {
    if (annotator === null) {
      const decision = this.curatedLayer.decisions.find((d) => d.span === spanId);
      return decision ? (this.cases.find((c) => c.key === decision.case) ?? null) : null;
    }
    return (
      this.cases.find((c) =>
        c.versions.some((v) => v.annotator === annotator && v.span.id === spanId),
      ) ?? null
    );
  }

  /**
   * Moves to the next (+1) or previous (-1) disagreement from the current case, wrapping
   * around. Returns the case, or null when there is none.
   */
  step(direction: 1 | -1): ReviewedCase | null {
    const list = this.disagreements();
    if (list.length === 0) return null;
    const current = this.current;
    let target: ReviewedCase | undefined;
    if (!current) {
      target = direction === 1 ? list[0] : list[list.length - 1];
    } else {
      const order = (c: ReviewedCase) => c.start - current.start || c.end - current.end;
      target =
        direction === 1
          ? (list.find((c) => c !== current && order(c) > 0) ?? list[0])
          : ([...list].reverse().find((c) => c !== current && order(c) < 0) ??
            list[list.length - 1]);
    }
    this.select(target!.key);
    return target!;
  }

  /** Accepts one annotator's version of the current case. */
  accept(annotator: string): Promise<CuratedChange> {
    const c = this.requireCurrent();
    return this.adjudicate(
      [{ action: 'accept', case: c.key, from: annotator }],
      `accept ${annotator}'s version of “${quoteOf(c)}”`,
    );
  }

  reject(): Promise<CuratedChange> {
    const c = this.requireCurrent();
    return this.adjudicate([{ action: 'reject', case: c.key }], `reject “${quoteOf(c)}”`);
  }

  edit(span: EditedSpan, basedOn: string | null): Promise<CuratedChange> {
    const c = this.requireCurrent();
    return this.adjudicate(
      [{ action: 'edit', case: c.key, ...(basedOn !== null && { from: basedOn }), span }],
      `edit “${quoteOf(c)}” into the gold layer`,
    );
  }

  removeGold(spanId: string): Promise<CuratedChange> {
    const gold = this.curatedLayer.annotations.find((a) => a.id === spanId);
    return this.adjudicate(
      [{ action: 'remove', span: spanId }],
      `remove “${gold?.quote ?? spanId}” from the gold layer`,
    );
  }

  /** Accepts, in one step, every unsettled case on which all annotators agree. */
  acceptAgreed(): Promise<CuratedChange> | null {
    const steps = acceptAgreedSteps(this.curatedLayer, this.cases);
    if (steps.length === 0) return null;
    return this.adjudicate(steps, `accept ${steps.length} agreed span(s)`);
  }

  setStatus(status: ReviewStatus): Promise<CuratedChange> {
    const { client } = this.options;
    return this.undoable(`mark the review ${status.replace('_', ' ')}`, async () =>
      unwrap(
        await client.setReviewStatus({ doc: this.doc, annotators: [...this.annotators], status }),
      ),
    );
  }

  private adjudicate(steps: AdjudicationStep[], description: string): Promise<CuratedChange> {
    const { client } = this.options;
    return this.undoable(description, async () =>
      unwrap(await client.adjudicate({ doc: this.doc, annotators: [...this.annotators], steps })),
    );
  }

  /**
   * Runs a change of the gold layer through the History: the change is done once, then undo
   * and redo swap the layer back and forth with restoreCurated, revision-checked.
   */
  private undoable(
    description: string,
    perform: () => Promise<CuratedChange>,
  ): Promise<CuratedChange> {
    const { client, history } = this.options;
    let change!: CuratedChange;
    return history
      .run(async () => {
        change = await perform();
        this.show(change.after);
        const restore = async (layer: CuratedLayer) => {
          const revision = seenRevision.get(this.doc) ?? change.after.revision;
          this.show(
            unwrap(
              await client.restoreCurated({ doc: this.doc, revision, layer: snapshot(layer) }),
            ),
          );
        };
        return {
          description,
          undo: () => restore(change.before),
          redo: () => restore(change.after),
        };
      })
      .then(() => change);
  }

  private show(layer: CuratedLayer): void {
    seenRevision.set(this.doc, layer.revision);
    for (const session of new Set([this, ...(live.get(this.doc) ?? [])])) {
      session.curatedLayer = layer;
      session.changed();
    }
  }

  private requireCurrent(): ReviewedCase {
    const c = this.current;
    if (!c) throw new Error('Choose a case first: N goes to the next disagreement.');
    return c;
  }

  private inFilter(c: ReviewedCase): boolean {
    return this.labelFilter === null || c.versions.some((v) => v.span.label === this.labelFilter);
  }

  private changed(): void {
    this.options.onChange?.();
  }
}

/** What undo sends back: a layer's content, without its document and revision. */
export function snapshot({ status, annotations, decisions }: CuratedLayer): CuratedSnapshot {
  return { status, annotations, decisions };
}

/** The text a case covers, shortened for messages. */
export function quoteOf(c: ReviewedCase): string {
  const quote = c.versions[0]!.span.quote;
  return quote.length > 40 ? `${quote.slice(0, 39)}…` : quote;
}
