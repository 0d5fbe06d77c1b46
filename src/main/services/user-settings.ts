/**
 * Per-person settings that must not live in a (shared) project folder: who is annotating.
 * Stored in the user's settings folder (Electron's userData, or ~/.config/annotation-workbench
 * in browser mode and the CLI), so two colleagues sharing a project each keep their own name.
 */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AnnotatorName, SAFE_ID } from '../../shared/model';
import { writeFileAtomic } from '../store/atomic-write';

const SETTINGS_FILE = 'settings.json';

const UserSettings = z.object({
  annotator: AnnotatorName.nullable().default(null),
});
export type UserSettings = z.infer<typeof UserSettings>;

export async function readUserSettings(settingsDir: string): Promise<UserSettings> {
  let raw: string;
  try {
    raw = await readFile(join(settingsDir, SETTINGS_FILE), 'utf8');
  } catch {
    return { annotator: null };
  }
  try {
    const parsed = UserSettings.safeParse(JSON.parse(raw));
    // An unreadable settings file only costs the person re-entering their name: start fresh.
    return parsed.success ? parsed.data : { annotator: null };
  } catch {
    return { annotator: null };
  }
}

export async function writeUserSettings(
  settingsDir: string,
  settings: UserSettings,
): Promise<void> {
  await writeFileAtomic(join(settingsDir, SETTINGS_FILE), JSON.stringify(settings, null, 2) + '\n');
}

/**
 * The OS user name made safe as an annotator (folder) name: "Jane Doe" → "Jane-Doe".
 * Falls back to "annotator" when nothing usable remains.
 */
export function suggestAnnotatorName(osName: string = safeOsUserName()): string {
  const cleaned = osName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 64);
  return SAFE_ID.test(cleaned) ? cleaned : 'annotator';
}

function safeOsUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

/** Default settings folder outside Electron (browser mode, CLI). */
export function defaultSettingsDir(): string {
  const base =
    process.env.XDG_CONFIG_HOME ??
    (process.platform === 'win32'
      ? (process.env.APPDATA ?? join(userInfo().homedir, 'AppData', 'Roaming'))
      : join(userInfo().homedir, '.config'));
  return join(base, 'annotation-workbench');
}
