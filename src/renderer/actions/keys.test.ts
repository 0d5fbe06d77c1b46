import { describe, expect, it } from 'vitest';
import { chordOf, describeChord, type KeyLike } from './keys';

const key = (k: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('chordOf', () => {
  it.each<[string, KeyLike, boolean, string | null]>([
    ['digit', key('1'), false, '1'],
    ['letter', key('r'), false, 'r'],
    ['capital letter means Shift', key('R', { shiftKey: true }), false, 'Shift+r'],
    ['Ctrl on Linux is Mod', key('z', { ctrlKey: true }), false, 'Mod+z'],
    ['Cmd on a Mac is Mod', key('z', { metaKey: true }), true, 'Mod+z'],
    ['Ctrl on a Mac is not Mod', key('z', { ctrlKey: true }), true, 'z'],
    ['redo', key('Z', { ctrlKey: true, shiftKey: true }), false, 'Shift+Mod+z'],
    ['question mark carries no Shift', key('?', { shiftKey: true }), false, '?'],
    [
      'named key keeps Shift',
      key('ArrowRight', { shiftKey: true, altKey: true }),
      false,
      'Shift+Alt+ArrowRight',
    ],
    ['space', key(' '), false, 'Space'],
    [
      'Shift+digit by its key, whatever it types',
      key('!', { shiftKey: true, code: 'Digit1' }),
      false,
      'Shift+1',
    ],
    ['Shift+digit on a Mac', key('!', { shiftKey: true, code: 'Digit1' }), true, 'Shift+1'],
    ['AZERTY: Shift types the digit', key('1', { shiftKey: true, code: 'Digit1' }), false, '1'],
    ['AZERTY: the unshifted digit key', key('&', { code: 'Digit1' }), false, '&'],
    ['Alt+letter on Linux', key('w', { altKey: true, code: 'KeyW' }), false, 'Alt+w'],
    ['Option+letter on a Mac types ∑', key('∑', { altKey: true, code: 'KeyW' }), true, 'Alt+w'],
    [
      'Option+letter elsewhere keeps the typed key',
      key('ł', { altKey: true, code: 'KeyL' }),
      false,
      'Alt+ł',
    ],
    [
      'Alt+Shift+arrow',
      key('ArrowLeft', { altKey: true, shiftKey: true, code: 'ArrowLeft' }),
      false,
      'Shift+Alt+ArrowLeft',
    ],
    ['Ctrl+K', key('k', { ctrlKey: true, code: 'KeyK' }), false, 'Mod+k'],
    ['Cmd+K', key('k', { metaKey: true, code: 'KeyK' }), true, 'Mod+k'],
    [
      'Shift+Ctrl+Alt+arrow',
      key('ArrowRight', { altKey: true, shiftKey: true, ctrlKey: true }),
      false,
      'Shift+Alt+Mod+ArrowRight',
    ],
    ['lone modifier', key('Shift', { shiftKey: true }), false, null],
  ])('%s', (_name, event, mac, expected) => {
    expect(chordOf(event, mac)).toBe(expected);
  });
});

describe('describeChord', () => {
  it('prints chords for each platform', () => {
    expect(describeChord('Shift+Mod+z', false)).toBe('Shift+Ctrl+Z');
    expect(describeChord('Shift+Mod+z', true)).toBe('⇧⌘Z');
    expect(describeChord('Alt+ArrowLeft', false)).toBe('Alt+←');
    expect(describeChord('Shift+1', false)).toBe('Shift+1');
    expect(describeChord('Shift+Alt+Mod+ArrowRight', true)).toBe('⇧⌥⌘→');
  });
});
