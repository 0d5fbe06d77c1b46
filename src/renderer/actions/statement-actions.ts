/**
 * Statement commands on the annotate screen: R links the selected span to another (the relation
 * picker), A puts the keyboard in its attribute fields (a claim's stance, say).
 */
import type { DocumentAction } from './document-actions';

export const statementActions: DocumentAction[] = [
  {
    id: 'link-span',
    title: 'Link the selected span to another span',
    group: 'Statements',
    keys: ['r'],
    enabled: (ctx) => ctx.selectedSpan !== null,
    perform: (ctx) => ctx.openRelationPicker(),
  },
  {
    id: 'edit-attributes',
    title: "Edit the selected span's attributes",
    group: 'Statements',
    keys: ['a'],
    enabled: (ctx) => ctx.selectedSpan !== null,
    perform: (ctx) => ctx.focusAttributes(),
  },
];
