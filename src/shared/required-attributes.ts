/**
 * Required attributes: the codebook marks some attributes of a label as required (a Claim's
 * stance, say). A span lacking one is unfinished; the viewer and the side panel mark it, and a
 * document cannot be marked done while any span is.
 *
 * "Missing" means absent, null, or an empty (or blank) string. `false` and `0` are values.
 * Attributes of a label that the codebook does not know (a span whose label was removed) are
 * never required.
 */
import type { Annotation, AttributeValue, Codebook } from './model';

/** One span that lacks at least one required attribute. */
export interface MissingRequired {
  readonly id: string;
  readonly label: string;
  /** The required attributes it lacks, in codebook order. */
  readonly attributes: readonly string[];
}

export function isMissingValue(value: AttributeValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

/** The spans of `annotations` that lack a required attribute, in the order given. */
export function missingRequired(
  annotations: Iterable<Annotation>,
  codebook: Codebook,
): MissingRequired[] {
  const required = new Map<string, string[]>();
  for (const label of codebook.labels) {
    const names = label.attributes.filter((a) => a.required).map((a) => a.name);
    if (names.length > 0) required.set(label.name, names);
  }
  const missing: MissingRequired[] = [];
  if (required.size === 0) return missing;
  for (const a of annotations) {
    const names = required.get(a.label);
    if (!names) continue;
    const lacking = names.filter((name) => isMissingValue(a.attributes[name]));
    if (lacking.length > 0) missing.push({ id: a.id, label: a.label, attributes: lacking });
  }
  return missing;
}

/**
 * One sentence naming how many spans miss which attribute, e.g.
 * `3 spans miss a required attribute: 2 Claim spans miss "stance"; 1 Actor span misses "kind".`
 * Empty when nothing is missing.
 */
export function describeMissingRequired(missing: readonly MissingRequired[]): string {
  if (missing.length === 0) return '';
  const counts = new Map<string, { label: string; attribute: string; spans: number }>();
  for (const span of missing) {
    for (const attribute of span.attributes) {
      const key = JSON.stringify([span.label, attribute]);
      const entry = counts.get(key) ?? { label: span.label, attribute, spans: 0 };
      entry.spans++;
      counts.set(key, entry);
    }
  }
  const parts = [...counts.values()].map(
    ({ label, attribute, spans }) =>
      `${spans} ${label} ${spans === 1 ? 'span misses' : 'spans miss'} "${attribute}"`,
  );
  const total = missing.length === 1 ? '1 span misses' : `${missing.length} spans miss`;
  return `${total} a required attribute: ${parts.join('; ')}.`;
}
