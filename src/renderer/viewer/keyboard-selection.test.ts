import { describe, expect, it } from 'vitest';
import type { KeyPress } from './keyboard-selection';
import { isSelectAll, selectionStep } from './keyboard-selection';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('selectionStep', () => {
  it.each([
    ['Shift+Right', press('ArrowRight', { shiftKey: true }), false, 'forward character'],
    ['Shift+Left', press('ArrowLeft', { shiftKey: true }), false, 'backward character'],
    [
      'Ctrl+Shift+Right',
      press('ArrowRight', { shiftKey: true, ctrlKey: true }),
      false,
      'forward word',
    ],
    [
      'Alt+Shift+Left (Mac)',
      press('ArrowLeft', { shiftKey: true, altKey: true }),
      true,
      'backward word',
    ],
    [
      'Cmd+Shift+Right (Mac)',
      press('ArrowRight', { shiftKey: true, metaKey: true }),
      true,
      'forward lineboundary',
    ],
    ['Shift+Down', press('ArrowDown', { shiftKey: true }), false, 'forward line'],
    ['Shift+Up', press('ArrowUp', { shiftKey: true }), true, 'backward line'],
    [
      'Cmd+Shift+Down (Mac)',
      press('ArrowDown', { shiftKey: true, metaKey: true }),
      true,
      'forward documentboundary',
    ],
    ['Shift+End', press('End', { shiftKey: true }), false, 'forward lineboundary'],
    [
      'Ctrl+Shift+Home',
      press('Home', { shiftKey: true, ctrlKey: true }),
      false,
      'backward documentboundary',
    ],
  ])('%s extends the selection', (_, key, mac, expected) => {
    const step = selectionStep(key, mac);
    expect(step && `${step.direction} ${step.granularity}`).toBe(expected);
  });

  it.each([
    ['Right without Shift', press('ArrowRight'), false],
    ['Shift+a letter', press('a', { shiftKey: true }), false],
    ['Alt+Shift+Right off the Mac', press('ArrowRight', { shiftKey: true, altKey: true }), false],
    ['Ctrl+Shift+Right on the Mac', press('ArrowRight', { shiftKey: true, ctrlKey: true }), true],
    ['Ctrl+Shift+Home on the Mac', press('Home', { shiftKey: true, ctrlKey: true }), true],
  ])('%s is not a selection key', (_, key, mac) => {
    expect(selectionStep(key, mac)).toBeNull();
  });
});

describe('isSelectAll', () => {
  it('is Ctrl+A, or Cmd+A on the Mac', () => {
    expect(isSelectAll(press('a', { ctrlKey: true }), false)).toBe(true);
    expect(isSelectAll(press('A', { metaKey: true }), true)).toBe(true);
    expect(isSelectAll(press('a', { metaKey: true }), false)).toBe(false);
    expect(isSelectAll(press('a', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isSelectAll(press('a'), false)).toBe(false);
  });
});
