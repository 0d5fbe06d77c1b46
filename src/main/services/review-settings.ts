/**
 * Blind mode, a per-person choice: the projects in which this person has opened review, kept in
 * their own settings folder (review.json beside settings.json), never in the project.
 *
 * Why per person and not a project setting: a project is shared (git, a synced folder), so a
 * setting in it would open review for every coder the moment the lead opens it for themselves.
 * Blindness is about what one person has seen. Every coder starts blind in every project; the
 * lead opens review for themselves, and can close it again.
 *
 * Blind mode keeps colleagues' work out of sight in the app so it cannot sway a coder by
 * accident; it is not access control — the layer files are plain files in the shared folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-write';

const REVIEW_SETTINGS_FILE = 'review.json';

const ReviewSettings = z.object({
  /** Absolute project folders in which this person has opened review. */
  openProjects: z.array(z.string()).default([]),
});

export async function isReviewOpen(settingsDir: string, projectDir: string): Promise<boolean> {
  return (await readReviewSettings(settingsDir)).openProjects.includes(projectDir);
}

export async function setReviewOpen(
  settingsDir: string,
  projectDir: string,
  open: boolean,
): Promise<void> {
  const { openProjects } = await readReviewSettings(settingsDir);
  const others = openProjects.filter((dir) => dir !== projectDir);
  const next = { openProjects: open ? [...others, projectDir] : others };
  await writeFileAtomic(
    join(settingsDir, REVIEW_SETTINGS_FILE),
    `${JSON.stringify(next, null, 2)}\n`,
  );
}

async function readReviewSettings(settingsDir: string): Promise<z.infer<typeof ReviewSettings>> {
  let raw: string;
  try {
    raw = await readFile(join(settingsDir, REVIEW_SETTINGS_FILE), 'utf8');
  } catch {
    return { openProjects: [] };
  }
  try {
    const parsed = ReviewSettings.safeParse(JSON.parse(raw));
    // An unreadable file means blind again: the safe side, and one click to reopen.
    return parsed.success ? parsed.data : { openProjects: [] };
  } catch {
    return { openProjects: [] };
  }
}
