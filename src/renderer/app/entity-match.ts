/**
 * Which actors a typed text may mean, best first, for the actor combobox: the text is compared
 * with every name and alias, ignoring case and accents ("merkel" finds "Angela Merkel").
 *
 * Rank: the whole name or alias, then one starting with the text, then one with a word starting
 * with it, then one containing it anywhere; names before aliases on a tie, then by how many
 * spans already link to the actor (the one in use is the likelier), then alphabetically.
 */
export interface MatchableEntity {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly usage?: number;
}

export interface EntityMatch<E extends MatchableEntity> {
  readonly entity: E;
  /** The alias that matched, when it was not the name. */
  readonly alias?: string;
}

/** Lower case without accents: the form typed text and names are compared in. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** How well `candidate` matches `query` (both folded): 0 best … 3, or null for no match. */
function rank(candidate: string, query: string): number | null {
  if (candidate === query) return 0;
  if (candidate.startsWith(query)) return 1;
  if (candidate.split(/[\s\-–—.,'’]+/).some((word) => word.startsWith(query))) return 2;
  if (candidate.includes(query)) return 3;
  return null;
}

export function matchEntities<E extends MatchableEntity>(
  entities: readonly E[],
  query: string,
  limit = 30,
): EntityMatch<E>[] {
  const q = foldForSearch(query);
  const scored: { match: EntityMatch<E>; score: number }[] = [];
  for (const entity of entities) {
    if (q === '') {
      scored.push({ match: { entity }, score: 0 });
      continue;
    }
    let best: { score: number; alias?: string } | null = null;
    const byName = rank(foldForSearch(entity.name), q);
    if (byName !== null) best = { score: byName * 2 };
    for (const alias of entity.aliases) {
      const r = rank(foldForSearch(alias), q);
      if (r !== null && (best === null || r * 2 + 1 < best.score))
        best = { score: r * 2 + 1, alias };
    }
    if (best) scored.push({ match: { entity, alias: best.alias }, score: best.score });
  }
  return scored
    .sort(
      (a, b) =>
        a.score - b.score ||
        (b.match.entity.usage ?? 0) - (a.match.entity.usage ?? 0) ||
        a.match.entity.name.localeCompare(b.match.entity.name),
    )
    .slice(0, limit)
    .map((s) => s.match);
}
