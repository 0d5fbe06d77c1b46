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
  /**
   * The physical key (KeyboardEvent.code), when known. It names the digit of Shift+digit, which
   * types a symbol ("!" on a US layout), and the letter of Option+letter on a Mac, which types
   * another character ("∑" for Option+W).
   */
  code?: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The chord a keyboard event stands for, or null for a lone modifier. */
export function chordOf(event: KeyLike, isMac: boolean): Chord | null {
  if (MODIFIER_KEYS.has(event.key)) return null;
  const mod = isMac ? event.metaKey : event.ctrlKey;
  let key = event.key;
  // "Shift+1" whatever Shift+1 types, except on layouts where Shift is how a digit is typed
  // (AZERTY): there the digit keeps its plain meaning.
  const digit = /^Digit([0-9])$/.exec(event.code ?? '')?.[1];
  const shiftedDigit = event.shiftKey && digit !== undefined && !/^[0-9]$/.test(key);
  if (shiftedDigit) key = digit;
  const letter = /^Key([A-Z])$/.exec(event.code ?? '')?.[1];
  if (isMac && event.altKey && letter !== undefined) key = letter;
  const isLetter = key.length === 1 && /\p{L}/u.test(key);
  const isPrintable = key.length === 1 || key === ' ';
  const parts: string[] = [];
  // Shift is part of a printable symbol ("?" is Shift+/ on many layouts): only letters, shifted
  // digits and named keys carry it explicitly.
  if (event.shiftKey && (isLetter || shiftedDigit || !isPrintable)) parts.push('Shift');
  if (event.altKey) parts.push('Alt');
  if (mod) parts.push('Mod');
  parts.push(isLetter ? key.toLowerCase() : key === ' ' ? 'Space' : key);
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
