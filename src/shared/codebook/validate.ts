/**
 * What the zod schema cannot say about a codebook: names that must be unique, hotkeys that must
 * not clash, relation types that must name existing labels, and a rename history that leaves
 * current names alone. Each problem is one sentence naming the label/attribute/value at fault.
 */
import type { Codebook } from '../model';
import { renameHistoryProblems } from './renames';

export function codebookProblems(codebook: Codebook): string[] {
  const problems: string[] = [];
  const labelNames = new Map<string, string>();
  const hotkeys = new Map<string, string>();

  for (const label of codebook.labels) {
    problems.push(...nameProblems('a label', label.name));
    const clash = labelNames.get(label.name.toLowerCase());
    if (clash !== undefined) {
      problems.push(
        clash === label.name
          ? `There are two labels “${label.name}”; label names must be unique.`
          : `Labels “${clash}” and “${label.name}” differ only in case; choose distinct names.`,
      );
    }
    labelNames.set(label.name.toLowerCase(), label.name);

    if (label.hotkey !== '') {
      if (/\s/.test(label.hotkey)) {
        problems.push(`The hotkey of “${label.name}” is a space; use a letter, digit or symbol.`);
      }
      const holder = hotkeys.get(label.hotkey.toLowerCase());
      if (holder !== undefined) {
        problems.push(
          `“${holder}” and “${label.name}” both use the hotkey “${label.hotkey}”; give each ` +
            'label its own key (or none).',
        );
      }
      hotkeys.set(label.hotkey.toLowerCase(), label.name);
    }

    const attributeNames = new Set<string>();
    for (const attribute of label.attributes) {
      const where = `attribute “${attribute.name}” of “${label.name}”`;
      problems.push(...nameProblems(`an attribute of “${label.name}”`, attribute.name));
      if (attributeNames.has(attribute.name)) {
        problems.push(
          `“${label.name}” has two attributes “${attribute.name}”; attribute names must be unique per label.`,
        );
      }
      attributeNames.add(attribute.name);
      if (attribute.type === 'enum') {
        const values = attribute.values ?? [];
        if (values.length === 0) {
          problems.push(`The enum ${where} has no values; add at least one.`);
        }
        const seen = new Set<string>();
        for (const value of values) {
          problems.push(...nameProblems(`a value of the ${where}`, value));
          if (seen.has(value)) {
            problems.push(`The ${where} lists the value “${value}” twice.`);
          }
          seen.add(value);
        }
      } else if (attribute.values !== undefined && attribute.values.length > 0) {
        problems.push(
          `The ${where} is of type ${attribute.type} but lists values; only enum attributes have values.`,
        );
      }
    }
  }

  const typeNames = new Set<string>();
  for (const type of codebook.relationTypes) {
    problems.push(...nameProblems('a relation type', type.name));
    if (typeNames.has(type.name)) {
      problems.push(`There are two relation types “${type.name}”; names must be unique.`);
    }
    typeNames.add(type.name);
    for (const [end, labels] of [
      ['source', type.from],
      ['target', type.to],
    ] as const) {
      if (labels.length === 0) {
        problems.push(`Relation type “${type.name}” allows no ${end} label; choose at least one.`);
      }
      const seen = new Set<string>();
      for (const name of labels) {
        if (!labelNames.has(name.toLowerCase()) || labelNames.get(name.toLowerCase()) !== name) {
          problems.push(
            `Relation type “${type.name}” names “${name}” as a ${end} label, but the codebook ` +
              'has no such label.',
          );
        }
        if (seen.has(name)) {
          problems.push(`Relation type “${type.name}” lists “${name}” twice as a ${end} label.`);
        }
        seen.add(name);
      }
    }
  }

  problems.push(...renameHistoryProblems(codebook));
  return problems;
}

/**
 * A name is shown in lists and stored in files: no blank name, no stray outer spaces (two names
 * that look the same would be different labels). `what` reads like "a value of …".
 */
function nameProblems(what: string, name: string): string[] {
  if (name.trim() === '') return [`The name of ${what} is blank; type a name.`];
  if (name.trim() !== name) {
    return [`The name “${name}” (${what}) starts or ends with a space; remove the space.`];
  }
  return [];
}
