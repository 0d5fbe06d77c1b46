/**
 * Child process for the crash test (annotation-store.crash.test.ts): streams createAnnotation
 * calls across three documents, several in flight at once, and prints each id on its own line
 * only after its promise resolved — i.e. after the store said "durably saved". The parent kills
 * this process with SIGKILL at a random moment and checks that every printed id is on disk.
 *
 *   node --import tsx crash-writer.fixture.ts <projectDir> <runTag> <seed>
 *
 * Writes to a pipe are synchronous on Linux, so a printed line reaches the parent even if the
 * kill follows at once.
 */
import { AnnotationStore } from './annotation-store';
import { makeDocument } from './document.fixture';

const [projectDir, runTag, seedText] = process.argv.slice(2);
if (!projectDir || !runTag || !seedText) {
  throw new Error('usage: crash-writer.fixture.ts <projectDir> <runTag> <seed>');
}

const TEXT = 'The minister said the plan would cut emissions by half before 2030. '.repeat(40);
const DOCS = ['alpha', 'beta', 'gamma'].map((id) => makeDocument(id, TEXT));
/** Creates in flight at once: enough that kills land while several files are being written. */
const IN_FLIGHT = 6;
/** A child nobody kills must not outlive the test. */
const LIFETIME_MS = 20_000;

let state = Number(seedText) >>> 0;
function random(): number {
  // mulberry32: small, seedable, good enough to spread offsets.
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

let counter = 0;
const store = new AnnotationStore(projectDir, { newId: () => `${runTag}-${++counter}` });

async function writeForever(worker: number): Promise<never> {
  for (;;) {
    const doc = DOCS[worker % DOCS.length]!;
    const start = Math.floor(random() * (TEXT.length - 20));
    const created = await store.createAnnotation('crash', doc, {
      label: random() < 0.5 ? 'Actor' : 'Claim',
      start,
      end: start + 1 + Math.floor(random() * 19),
    });
    process.stdout.write(`${created.doc} ${created.id}\n`);
  }
}

setTimeout(() => process.exit(3), LIFETIME_MS).unref();
process.stdout.write('ready\n');
await Promise.all(Array.from({ length: IN_FLIGHT }, (_, worker) => writeForever(worker)));
