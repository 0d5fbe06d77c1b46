/**
 * The rules for an actor registry entry's fields, shared by the service (which refuses bad
 * input with these messages) and the UI (which shows them before anything is sent).
 *
 * - A name is what researchers read in the discourse network: non-empty once trimmed, with
 *   whitespace runs collapsed to one space (a pasted "James\u00a0 Comey" becomes "James Comey").
 * - Aliases follow the same cleaning; none may repeat another or the name — an alias is there to
 *   find mentions, and a repeat finds nothing new.
 * - A Wikidata id is "Q" and digits without a leading zero (Q42); " q42 " is read as Q42.
 */

export const QID_PATTERN = /^Q[1-9][0-9]*$/;
export const MAX_NAME_LENGTH = 200;

export interface EntityNames {
  name: string;
  aliases: string[];
  /** Absent or empty: no Wikidata id. */
  qid?: string | null;
}

export interface CleanEntityNames {
  name: string;
  aliases: string[];
  qid: string | undefined;
}

/** Collapses whitespace runs (including non-breaking spaces) to one space and trims. */
export function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The cleaned fields and what is wrong with them (empty when they may be saved). */
export function checkEntityNames(fields: EntityNames): {
  clean: CleanEntityNames;
  problems: string[];
} {
  const problems: string[] = [];
  const name = cleanName(fields.name);
  if (name.length === 0) problems.push('The name is empty: give the actor a name.');
  if (name.length > MAX_NAME_LENGTH) {
    problems.push(`The name is ${name.length} characters long; at most ${MAX_NAME_LENGTH}.`);
  }
  const aliases = fields.aliases.map(cleanName);
  const seen = new Set<string>();
  aliases.forEach((alias, index) => {
    if (alias.length === 0) problems.push(`Alias ${index + 1} is empty: remove it or fill it in.`);
    else if (alias === name) problems.push(`The alias “${alias}” is the name itself.`);
    else if (seen.has(alias)) problems.push(`The alias “${alias}” is listed twice.`);
    else if (alias.length > MAX_NAME_LENGTH) {
      problems.push(`The alias “${alias.slice(0, 40)}…” is longer than ${MAX_NAME_LENGTH}.`);
    }
    seen.add(alias);
  });
  const rawQid = (fields.qid ?? '').trim().replace(/^q/, 'Q');
  if (rawQid !== '' && !QID_PATTERN.test(rawQid)) {
    problems.push(
      `“${fields.qid}” is not a Wikidata id: use "Q" followed by digits, such as Q42 ` +
        `(the id at the end of the item's wikidata.org address).`,
    );
  }
  return { clean: { name, aliases, qid: rawQid === '' ? undefined : rawQid }, problems };
}

/**
 * The aliases of an entity after others were merged into it: its own, then each merged
 * entity's name and aliases, each once, never its own name (order kept: first seen first).
 */
export function unionAliases(
  keep: { name: string; aliases: readonly string[] },
  merged: readonly { name: string; aliases: readonly string[] }[],
): string[] {
  const all = [...keep.aliases, ...merged.flatMap((e) => [e.name, ...e.aliases])];
  return [...new Set(all)].filter((alias) => alias !== keep.name);
}

/** Every string a mention of the entity may read: its name, then its aliases. */
export function entityNeedles(entity: { name: string; aliases: readonly string[] }): string[] {
  return [entity.name, ...entity.aliases];
}
