/**
 * Key chords as plain strings, so that actions can declare their keys as data ("Mod+z",
 * "Shift+Mod+z", "r", "Alt+ArrowRight", "?") and the shortcut sheet can print them.
 *
 * "Mod" is Ctrl on Windows/Linux and Cmd on macOS. Modifiers are written in the fixed order
 * Shift, Alt, Mod; a printable character is matched by the character it produces (so "?" needs
 * no "Shift+"), except letters, which are matched case-insensitively with Shift explicit.
 */
export type Chord = string;

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The chord a keyboard event stands for, or null for a lone modifier. */
export function chordOf(event: KeyLike, isMac: boolean): Chord | null {
  if (MODIFIER_KEYS.has(event.key)) return null;
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const isLetter = event.key.length === 1 && /\p{L}/u.test(event.key);
  const isPrintable = event.key.length === 1 || event.key === ' ';
  const parts: string[] = [];
  // Shift is part of a printable symbol ("?" is Shift+/ on many layouts): only letters and
  // named keys carry it explicitly.
  if (event.shiftKey && (isLetter || !isPrintable)) parts.push('Shift');
  if (event.altKey) parts.push('Alt');
  if (mod) parts.push('Mod');
  parts.push(isLetter ? event.key.toLowerCase() : event.key === ' ' ? 'Space' : event.key);
  return parts.join('+');
}

/** Human-readable form of a chord for the shortcut sheet and tooltips. */
export function describeChord(chord: Chord, isMac: boolean): string {
  return chord
    .split('+')
    .map((part) => {
      if (part === 'Mod') return isMac ? '⌘' : 'Ctrl';
      if (part === 'Alt') return isMac ? '⌥' : 'Alt';
      if (part === 'Shift') return isMac ? '⇧' : 'Shift';
      if (part.startsWith('Arrow'))
        return { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' }[part];
      return part.length === 1 ? part.toUpperCase() : part;
    })
    .join(isMac ? '' : '+');
}

export function isMacPlatform(platform: string): boolean {
  return /Mac|iPhone|iPad/.test(platform);
}
