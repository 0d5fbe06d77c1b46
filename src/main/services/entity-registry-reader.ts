/**
 * Reads annotators' actor registries (annotations/<annotator>/entities.json) for exports and
 * imports, which need entity names, Wikidata ids and which ids exist, but never write them.
 *
 * Read-only on purpose: the entity store (store/entity-store.ts, owned by the entity handlers) is
 * the one writer of these files, and its recovery from a backup writes; a second store here
 * would be a second writer. A registry this reader cannot use is reported, not repaired: opening
 * the Actors screen as that annotator recovers it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeZodError } from '../../shared/api';
import type { Entity } from '../../shared/model';
import { ENTITY_FILE_NAME, EntityFile } from '../store/entity-store';

export type RegistryRead =
  { ok: true; entities: readonly Entity[] } | { ok: false; problem: string };

export async function readEntityRegistry(
  projectDir: string,
  annotator: string,
): Promise<RegistryRead> {
  const display = `annotations/${annotator}/${ENTITY_FILE_NAME}`;
  let raw: string;
  try {
    raw = await readFile(join(projectDir, 'annotations', annotator, ENTITY_FILE_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, entities: [] };
    return { ok: false, problem: `${display} could not be read (${(error as Error).message})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, problem: `${display} is not valid JSON` };
  }
  const parsed = EntityFile.safeParse(data);
  if (!parsed.success || parsed.data.annotator !== annotator) {
    const why = parsed.success
      ? `it is ${parsed.data.annotator}'s registry`
      : describeZodError(parsed.error);
    return { ok: false, problem: `${display} is not a registry this workbench can read (${why})` };
  }
  return { ok: true, entities: parsed.data.entities };
}
