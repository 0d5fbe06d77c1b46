/**
 * The review list of "find other mentions": every suggested span with its sentence, accepted or
 * rejected one by one (j/k or arrows to move, a accept, x reject) or all at once. Nothing is
 * saved until accepted; each accept (and "accept all") is one undoable step, and its undo puts
 * the suggestion back to open here too. Rejections are this list's only: they save nothing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OccurrenceResult, Suggestion } from '../../shared/api';
import { MAX_SUGGESTIONS } from '../../shared/entities/occurrences';
import type { Annotation } from '../../shared/model';
import { runKeyAction } from '../actions/action';
import { isMacPlatform } from '../actions/keys';
import { suggestionActions, type SuggestionReviewContext } from '../actions/suggestion-actions';
import { plural, type EntityCommands } from '../commands/entity-commands';
import type { Status } from './status';
import './entities.css';

const IS_MAC = isMacPlatform(navigator.platform);

type Decision = 'open' | 'accepted' | 'rejected';

const keyOf = (s: { doc: string; start: number; end: number }) => `${s.doc}:${s.start}:${s.end}`;

export function SuggestionReview({
  title,
  result,
  source,
  commands,
  status,
  onSaved,
  onRetracted,
  onClose,
}: {
  title: string;
  result: OccurrenceResult;
  /** Recorded as each accepted span's origin ("mentions of “James Comey”"). */
  source: string;
  commands: EntityCommands;
  status: Status;
  /** Spans saved from the list (on accept and redo), e.g. to show them in the open document. */
  onSaved?: (spans: readonly Annotation[]) => void;
  /** Spans taken back by undo. */
  onRetracted?: (ids: readonly string[]) => void;
  onClose: () => void;
}) {
  const { suggestions } = result;
  const [decisions, setDecisions] = useState<Decision[]>(() => suggestions.map(() => 'open'));
  const [current, setCurrent] = useState(0);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  /** Saved span id → suggestion key, so that an undo can reopen the right suggestions. */
  const savedKeys = useRef(new Map<string, string>());
  const indexByKey = useMemo(
    () => new Map(suggestions.map((s, i) => [keyOf(s), i] as const)),
    [suggestions],
  );

  const root = useRef<HTMLElement>(null);
  // The review opens below other controls: bring all of it into view, keys into the list.
  useEffect(() => {
    root.current?.scrollIntoView({ block: 'start' });
    list.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    list.current?.children[current]?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const mark = (keys: readonly string[], decision: Decision) =>
    setDecisions((before) => {
      const next = [...before];
      for (const key of keys) {
        const index = indexByKey.get(key);
        if (index !== undefined) next[index] = decision;
      }
      return next;
    });

  /** The next open suggestion after `from` (or before it, if none after), else `from`. */
  const nextOpen = (from: number, states: readonly Decision[]) => {
    for (let i = from + 1; i < states.length; i++) if (states[i] === 'open') return i;
    for (let i = from - 1; i >= 0; i--) if (states[i] === 'open') return i;
    return from;
  };

  const accept = async (indices: number[]) => {
    if (busy || indices.length === 0) return;
    setBusy(true);
    try {
      const chosen: Suggestion[] = indices.map((i) => suggestions[i]!);
      await commands.accept(
        chosen.map(({ doc, start, end, label, entity }) => ({ doc, start, end, label, entity })),
        source,
        {
          saved: (spans) => {
            for (const span of spans) savedKeys.current.set(span.id, keyOf(span));
            mark(spans.map(keyOf), 'accepted');
            onSaved?.(spans);
          },
          retracted: (ids) => {
            mark(
              ids.flatMap((id) => savedKeys.current.get(id) ?? []),
              'open',
            );
            onRetracted?.(ids);
          },
        },
      );
      const after = decisions.map((d, i) => (indices.includes(i) ? 'accepted' : d));
      setCurrent(nextOpen(indices.at(-1)!, after));
      status.info(
        indices.length === 1
          ? `Tagged “${chosen[0]!.text}” as ${chosen[0]!.label}.`
          : `Tagged ${plural(indices.length, 'mention')} as ${chosen[0]!.label}.`,
      );
    } catch (error) {
      status.error(error);
    } finally {
      setBusy(false);
    }
  };

  const open = decisions.flatMap((d, i) => (d === 'open' ? [i] : []));
  const currentOpen = decisions[current] === 'open';
  const context: SuggestionReviewContext = {
    move: (delta) => setCurrent((c) => Math.min(Math.max(c + delta, 0), suggestions.length - 1)),
    acceptCurrent: () => accept([current]),
    rejectCurrent: () => {
      const after = decisions.with(current, 'rejected');
      setDecisions(after);
      setCurrent(nextOpen(current, after));
    },
    acceptAllOpen: () => accept(open),
    currentIsOpen: () => currentOpen,
    anyOpen: () => open.length > 0,
  };

  const count = (d: Decision) => decisions.filter((x) => x === d).length;
  const optionId = (i: number) => `suggestion-${i}`;

  return (
    <section ref={root} className="suggestion-review" aria-label={title}>
      <div className="review-head">
        <h3>{title}</h3>
        <button type="button" onClick={onClose} aria-label="Close the suggestions">
          ×
        </button>
      </div>
      <p className="review-summary" aria-live="polite">
        {plural(suggestions.length, 'mention')} in {plural(result.documents, 'document')}
        {suggestions.length > 0 &&
          ` · ${count('accepted')} accepted · ${count('rejected')} rejected · ${open.length} open`}
      </p>
      {result.truncated && (
        <p className="review-note">
          More were found than listed: only the first {MAX_SUGGESTIONS} are shown. Accept these,
          then search again.
        </p>
      )}
      {suggestions.length === 0 ? (
        <p className="review-empty">No other mentions that are not tagged already.</p>
      ) : (
        <>
          <ul
            ref={list}
            className="suggestion-list"
            role="listbox"
            tabIndex={0}
            aria-label="Suggested mentions"
            aria-activedescendant={optionId(current)}
            onKeyDown={(event) => {
              if (runKeyAction(suggestionActions, context, event, IS_MAC, status.error)) {
                event.preventDefault();
                event.stopPropagation();
              }
            }}
          >
            {suggestions.map((s, i) => (
              <li
                key={keyOf(s)}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className={`suggestion ${decisions[i]}`}
                onClick={() => setCurrent(i)}
              >
                <span className="suggestion-doc">{s.docTitle}</span>
                <span className="suggestion-context">
                  {s.context.before}
                  <mark>{s.text}</mark>
                  {s.context.after}
                </span>
                {decisions[i] !== 'open' && (
                  <span className="suggestion-state">{decisions[i]}</span>
                )}
              </li>
            ))}
          </ul>
          <div className="review-actions">
            <button
              type="button"
              disabled={busy || !currentOpen}
              aria-keyshortcuts="A"
              onClick={() => void context.acceptCurrent()}
            >
              Accept
            </button>
            <button
              type="button"
              disabled={busy || !currentOpen}
              aria-keyshortcuts="X"
              onClick={context.rejectCurrent}
            >
              Reject
            </button>
            <button
              type="button"
              disabled={busy || open.length === 0}
              aria-keyshortcuts="Shift+A"
              onClick={() => void context.acceptAllOpen()}
            >
              Accept all open ({open.length})
            </button>
          </div>
          <p className="review-help">j/k or ↑/↓ move · a accept · x reject · Shift+A accept all</p>
        </>
      )}
    </section>
  );
}
