/**
 * Statements on the annotate screen, gathered for DocumentPane in one hook: the relation
 * picker (opened by the key R or "Link to…"), the overlay of connector lines and incomplete-span
 * outlines in the viewer, the required attributes each span misses, and the panel's statement
 * and relation sections.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Annotation, Codebook } from '../../shared/model';
import {
  canRelate,
  hasRelationCandidate,
  relationCandidates,
  type RelationCandidate,
} from '../../shared/relation-rules';
import { missingRequired } from '../../shared/required-attributes';
import { statementsOfSpan } from '../../shared/statement-summary';
import type { SpanEditor } from '../commands/span-editor';
import type { DocumentViewer } from '../viewer/document-viewer';
import { SpanOverlay } from '../viewer/span-overlay';
import { focusAttributeField } from './AttributeFields';
import { RelationPicker, clip } from './RelationPicker';
import { RelationSection } from './RelationSection';
import type { Status } from './status';

export interface StatementTools {
  /** Opens the relation picker for the selected span (or says why there is nothing to link). */
  openRelationPicker(): void;
  /** Moves the keyboard to the selected span's first attribute field. */
  focusAttributes(): void;
  /** Gives the keyboard back to the text (Escape in an attribute field). */
  focusText(): void;
  /** Span id → the required attributes it misses; only spans that miss one. */
  readonly missing: ReadonlyMap<string, readonly string[]>;
  /** The open picker, rendered over the document pane; null when closed. */
  readonly picker: ReactNode;
  /** The panel sections (statement, relations) of a span. */
  section(span: Annotation): ReactNode;
}

export function useStatements({
  viewer,
  editor,
  codebook,
  status,
  selected,
  selectSpan,
  revision,
}: {
  viewer: DocumentViewer | null;
  editor: SpanEditor | null;
  codebook: Codebook;
  status: Status;
  selected: Annotation | undefined;
  selectSpan: (id: string) => void;
  /** Changes whenever the editor's spans or relations change. */
  revision: number;
}): StatementTools {
  const overlay = useRef<SpanOverlay | null>(null);
  const [pickerFor, setPickerFor] = useState<string | null>(null);
  /** Where the picker floats: away from the source span, so its connectors stay in sight. */
  const [pickerPlacement, setPickerPlacement] = useState<'top' | 'bottom'>('top');
  /** The picker's highlighted row, drawn as a dashed connector: a ref, so arrowing through
   *  the rows redraws the overlay without rendering the pane again. */
  const preview = useRef<RelationCandidate | null>(null);

  const missing = useMemo(
    () =>
      new Map(
        editor ? missingRequired(editor.list(), codebook).map((m) => [m.id, m.attributes]) : [],
      ),
    // `revision` stands for the editor's content, which changes in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, codebook, revision],
  );

  useEffect(() => {
    if (!viewer) return;
    const drawn = new SpanOverlay(viewer);
    overlay.current = drawn;
    return () => {
      drawn.destroy();
      overlay.current = null;
    };
  }, [viewer]);

  const source = pickerFor !== null ? editor?.get(pickerFor) : undefined;
  const candidates = useMemo(
    () =>
      source && editor
        ? relationCandidates(source, editor.list(), editor.relations(), codebook)
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [source, editor, codebook, revision],
  );

  /** Hands the overlay what to draw; it draws at most once per frame. */
  const drawOverlay = () => {
    const highlighted = preview.current;
    overlay.current?.update({
      relations: editor?.relations() ?? [],
      selected: selected?.id ?? null,
      incomplete: [...missing.keys()],
      preview:
        source && highlighted
          ? {
              type: highlighted.type,
              ...(highlighted.direction === 'outgoing'
                ? { from: source.id, to: highlighted.span.id }
                : { from: highlighted.span.id, to: source.id }),
            }
          : null,
    });
  };
  // After every render: spans, relations, the selection or the picker may have changed.
  useEffect(drawOverlay);

  const closePicker = useCallback(() => {
    preview.current = null;
    setPickerFor(null);
  }, []);

  const openRelationPicker = useCallback(() => {
    if (!selected || !editor) return;
    if (!canRelate(codebook, selected.label)) {
      status.info(`The codebook has no relation for ${selected.label} spans.`);
      return;
    }
    if (!hasRelationCandidate(selected, editor.list(), editor.relations(), codebook)) {
      const labels = new Set(
        codebook.relationTypes.flatMap((t) => [
          ...(t.from.includes(selected.label) ? t.to : []),
          ...(t.to.includes(selected.label) ? t.from : []),
        ]),
      );
      status.info(
        `Nothing to link this ${selected.label} span to: tag a ${[...labels].join(' or ')} span ` +
          'first (spans already linked are not offered again).',
      );
      return;
    }
    const span = viewer?.getSpanRects(selected.id)[0];
    const pane = document.querySelector('.viewer-scroll')?.getBoundingClientRect();
    setPickerPlacement(span && pane && span.top < pane.top + pane.height / 2 ? 'bottom' : 'top');
    setPickerFor(selected.id);
  }, [selected, editor, codebook, status, viewer]);

  const focusAttributes = useCallback(() => {
    const panel = document.querySelector('.span-panel');
    if (!panel || !focusAttributeField(panel)) {
      status.info(`${selected?.label ?? 'This'} spans have no attributes in the codebook.`);
    }
  }, [selected?.label, status]);

  const focusText = useCallback(() => viewer?.focus(), [viewer]);

  const link = (candidate: RelationCandidate) => {
    if (!source || !editor) return;
    closePicker();
    const [from, to] =
      candidate.direction === 'outgoing' ? [source, candidate.span] : [candidate.span, source];
    editor.link(candidate.type, from.id, to.id).then(
      () =>
        status.info(
          `Linked ${from.label} “${clip(from.quote, 40)}” —${candidate.type}→ ` +
            `${to.label} “${clip(to.quote, 40)}”.`,
        ),
      (error: unknown) => status.error(error),
    );
  };

  return {
    openRelationPicker,
    focusAttributes,
    focusText,
    missing,
    picker:
      source && editor ? (
        <RelationPicker
          codebook={codebook}
          source={source}
          candidates={candidates}
          placement={pickerPlacement}
          onActiveChange={(candidate) => {
            preview.current = candidate;
            drawOverlay();
          }}
          onPick={link}
          onClose={closePicker}
        />
      ) : null,
    section: (span) =>
      editor ? (
        <RelationSection
          codebook={codebook}
          span={span}
          relations={editor.relationsOf(span.id)}
          spanById={(id) => editor.get(id)}
          statements={statementsOfSpan(
            span.id,
            (id) => editor.get(id),
            editor.relations(),
            codebook,
          )}
          onLink={openRelationPicker}
          onUnlink={(id) =>
            editor.unlink(id).then(
              (removed) => status.info(`Removed the “${removed.type}” relation.`),
              (error: unknown) => status.error(error),
            )
          }
          onSelectSpan={(id) => {
            selectSpan(id);
            viewer?.scrollToSpan(id);
          }}
        />
      ) : null,
  };
}
