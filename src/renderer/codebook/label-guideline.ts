/**
 * A label's coding guideline as one tooltip text (the annotate screen's label palette shows it on
 * hover): name and key, the description, and the examples from the codebook.
 */
import type { LabelDef } from '../../shared/model';

export function labelGuideline(label: LabelDef): string {
  const lines = [`${label.name}${label.hotkey ? ` (key ${label.hotkey})` : ''}`];
  if (label.description) lines.push(label.description);
  if (label.examples.length > 0) {
    lines.push(`Examples: ${label.examples.map((e) => `“${e}”`).join('; ')}`);
  }
  return lines.join('\n');
}
