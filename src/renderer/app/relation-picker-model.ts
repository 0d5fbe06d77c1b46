/**
 * The relation picker's state, apart from React: which candidates a query and a chosen relation
 * type leave, and what a key does. Candidates come nearest first (shared/relation-rules.ts); the
 * picker keeps that order.
 *
 * Keys: ↑/↓ move (PageUp/PageDown by ten), typing filters (every word must occur in the label,
 * the span text or the relation type), Enter links, Escape cancels. When candidates offer more
 * than one relation type, 1–9 choose the type and 0 shows all again — only while nothing is
 * typed, so that numbers can still be searched for ("2016").
 */
import type { Codebook } from '../../shared/model';
import type { RelationCandidate } from '../../shared/relation-rules';

/** Rows shown at most; the rest are reached by typing (a 10,000-span layer must stay fast). */
export const MAX_ROWS = 50;

export interface PickerState {
  readonly query: string;
  /** Only candidates of this relation type; null for all. */
  readonly type: string | null;
  /** Index of the highlighted row among the filtered candidates. */
  readonly active: number;
}

export const INITIAL_PICKER_STATE: PickerState = { query: '', type: null, active: 0 };

/** The relation types among the candidates, in codebook order: what 1, 2, … choose. */
export function candidateTypes(
  candidates: readonly RelationCandidate[],
  codebook: Codebook,
): string[] {
  const present = new Set(candidates.map((c) => c.type));
  return codebook.relationTypes.map((t) => t.name).filter((name) => present.has(name));
}

/** Case-, accent- and space-insensitive form for matching typed text. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The candidates the state leaves, nearest first. */
export function filterCandidates(
  candidates: readonly RelationCandidate[],
  state: Pick<PickerState, 'query' | 'type'>,
): RelationCandidate[] {
  const words = foldForSearch(state.query).split(' ').filter(Boolean);
  return candidates.filter((c) => {
    if (state.type !== null && c.type !== state.type) return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch(`${c.span.label} ${c.span.quote} ${c.type}`);
    return words.every((w) => haystack.includes(w));
  });
}

export type PickerKey =
  | { readonly kind: 'move'; readonly to: number }
  | { readonly kind: 'type'; readonly type: string | null }
  | { readonly kind: 'pick' }
  | { readonly kind: 'cancel' }
  /** Not the picker's: the key types into the filter as usual. */
  | { readonly kind: 'none' };

/** What a key pressed in the filter field does, given the rows shown and the types offered. */
export function pickerKey(
  key: string,
  state: PickerState,
  rows: number,
  types: readonly string[],
): PickerKey {
  const last = Math.max(0, rows - 1);
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', to: Math.min(last, state.active + 1) };
    case 'ArrowUp':
      return { kind: 'move', to: Math.max(0, state.active - 1) };
    case 'PageDown':
      return { kind: 'move', to: Math.min(last, state.active + 10) };
    case 'PageUp':
      return { kind: 'move', to: Math.max(0, state.active - 10) };
    case 'Enter':
      return rows > 0 ? { kind: 'pick' } : { kind: 'none' };
    case 'Escape':
      return { kind: 'cancel' };
  }
  if (types.length > 1 && state.query === '' && /^[0-9]$/.test(key)) {
    const n = Number(key);
    if (n === 0) return { kind: 'type', type: null };
    if (n <= types.length) return { kind: 'type', type: types[n - 1]! };
  }
  return { kind: 'none' };
}
