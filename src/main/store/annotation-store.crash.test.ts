/**
 * Kills a writing process (SIGKILL) at random moments and checks that nothing it acknowledged
 * is lost and that no file it left behind is torn. SIGKILL tests atomicity and ordering as the
 * process sees them; it cannot test fsync (the page cache survives a killed process).
 *
 * The random delays come from a logged seed; rerun a failure with CRASH_SEED=<seed>.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnnotationFile } from '../../shared/model';
import { AnnotationStore } from './annotation-store';

const FIXTURE = fileURLToPath(new URL('./crash-writer.fixture.ts', import.meta.url));
const ROUNDS = 25;
/** Kill this long after the child is ready; spans startup reads and a stream of writes. */
const MAX_DELAY_MS = 400;
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

let project: string;
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'crash-test-'));
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the writer until `delayMs` after it is ready, kills it, and returns what it acknowledged. */
function runAndKill(runTag: string, seed: number, delayMs: number): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', FIXTURE, project, runTag, `${seed}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acknowledged = new Map<string, string>();
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!; // an unfinished line is not an acknowledgement
      for (const line of lines) {
        if (line === 'ready') {
          setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, delayMs);
        } else {
          const [doc, id] = line.split(' ');
          acknowledged.set(id!, doc!);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killed && signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`writer exited by itself (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
}

/** Reads a layer file the way an outside tool would; names the file and the run on failure. */
async function readLayerFile(path: string, context: string): Promise<AnnotationFile> {
  const text = await readFile(path, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${context}: ${path} is torn (${String(error)})`, { cause: error });
  }
  const parsed = AnnotationFile.safeParse(raw);
  if (!parsed.success) throw new Error(`${context}: ${path} does not validate: ${parsed.error}`);
  return parsed.data;
}

/**
 * Checks that every layer file and backup validates and nothing was moved aside as damaged;
 * returns the annotation ids of each document's layer.
 */
async function checkFiles(context: string): Promise<Map<string, Set<string>>> {
  const folder = join(project, 'annotations', 'crash');
  const names = await readdir(folder).catch(() => [] as string[]);
  expect(
    names.filter((n) => n.includes('.corrupt-')),
    context,
  ).toEqual([]);
  const layers = new Map<string, AnnotationFile>();
  const backups = new Map<string, AnnotationFile>();
  for (const name of names.filter((n) => !n.startsWith('.'))) {
    const layer = await readLayerFile(join(folder, name), context);
    (name.endsWith('.bak') ? backups : layers).set(layer.doc, layer);
  }
  // A kill between the two renames leaves only the backup, which then holds the layer.
  for (const [doc, backup] of backups) if (!layers.has(doc)) layers.set(doc, backup);
  return new Map(
    [...layers].map(([doc, layer]) => [doc, new Set(layer.annotations.map((a) => a.id))]),
  );
}

it(`keeps every acknowledged annotation through ${ROUNDS} SIGKILLs (CRASH_SEED=${SEED})`, async () => {
  const random = seeded(SEED);
  const acknowledged = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round++) {
    const delay = Math.floor(random() * MAX_DELAY_MS);
    const context = `CRASH_SEED=${SEED} round ${round} (killed ${delay} ms after ready)`;
    const acked = await runAndKill(`r${round}`, SEED + round, delay);
    for (const [id, doc] of acked) acknowledged.set(id, doc);

    const onDisk = await checkFiles(context);
    const missing = [...acknowledged].filter(([id, doc]) => !onDisk.get(doc)?.has(id));
    expect(missing, `${context}: acknowledged but not on disk`).toEqual([]);
  }
  // A restarted store reads it all back without recovering anything.
  const warnings: string[] = [];
  const store = new AnnotationStore(project, { onWarning: (m) => warnings.push(m) });
  const ids = new Set<string>();
  for (const doc of ['alpha', 'beta', 'gamma']) {
    for (const annotation of (await store.getLayer('crash', doc)).annotations)
      ids.add(annotation.id);
  }
  expect([...acknowledged.keys()].filter((id) => !ids.has(id))).toEqual([]);
  expect(warnings).toEqual([]);
  // The test means something only if the kills landed among acknowledged writes.
  expect(acknowledged.size).toBeGreaterThan(ROUNDS);
}, 120_000);
