/**
 * Child process for the merge crash test (entity-merge.crash.test.ts): through a real session,
 * merges the actor "dup" into "keep" and undoes the merge, over and over, printing each step
 * once it resolved. The parent kills this process with SIGKILL at a random moment and checks
 * that every span still names an actor that is in the registry.
 *
 *   node --import tsx entity-merge-writer.fixture.ts <projectDir> <settingsDir>
 */
import { openWorkbench } from './workbench';

const [projectDir, settingsDir] = process.argv.slice(2);
if (!projectDir || !settingsDir) {
  throw new Error('usage: entity-merge-writer.fixture.ts <projectDir> <settingsDir>');
}
/** A child nobody kills must not outlive the test. */
const LIFETIME_MS = 20_000;

const session = await openWorkbench({ projectDir, settingsDir, shell: 'browser' });
const h = session.handlers;
setTimeout(() => process.exit(3), LIFETIME_MS).unref();
process.stdout.write('ready\n');
for (;;) {
  const merge = await h.mergeEntities({ keep: 'keep', merge: ['dup'] });
  process.stdout.write('merged\n');
  await h.unmergeEntities(merge);
  process.stdout.write('unmerged\n');
}
