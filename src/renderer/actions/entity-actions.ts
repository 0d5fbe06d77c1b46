/**
 * The actor registry's command on the annotate screen: E puts the focus in the actor combobox of
 * the selected span's panel, so a span is linked without the mouse (select, E, type, Enter).
 */
import type { Codebook } from '../../shared/model';
import type { DocumentAction } from './document-actions';

/** The DOM id of the span panel's actor combobox (there is one panel, so one such field). */
export const ACTOR_LINK_INPUT_ID = 'span-actor-link';

/**
 * Whether spans of this label stand for actors, and so may link to the registry: the default
 * codebook's Actor label, or any label with an attribute of type "entity".
 */
export function linksToActors(codebook: Codebook, label: string): boolean {
  const def = codebook.labels.find((l) => l.name === label);
  if (!def) return false;
  return def.name.toLowerCase() === 'actor' || def.attributes.some((a) => a.type === 'entity');
}

export const entityActions: DocumentAction[] = [
  {
    id: 'link-actor',
    title: 'Link the selected span to an actor',
    group: 'Actors',
    keys: ['e'],
    enabled: (ctx) => {
      const span = ctx.selectedSpan === null ? undefined : ctx.editor.get(ctx.selectedSpan);
      return span !== undefined && linksToActors(ctx.codebook, span.label);
    },
    perform: () => document.getElementById(ACTOR_LINK_INPUT_ID)?.focus(),
  },
];
