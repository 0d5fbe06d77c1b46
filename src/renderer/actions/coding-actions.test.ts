import { describe, expect, it } from 'vitest';
import defaultCodebook from '../../../resources/codebook.default.json';
import { Codebook, type Annotation } from '../../shared/model';
import { runKeyAction } from './action';
import { codingActions } from './coding-actions';
import { documentActions, type DocumentContext } from './document-actions';
import type { KeyLike } from './keys';

const CODEBOOK = Codebook.parse(defaultCodebook);

const TEXT = 'One sentence here. FBI director James Comey said “no way” today. Last one.';

function span(id: string, phrase: string): Annotation {
  const start = TEXT.indexOf(phrase);
  return {
    id,
    doc: 'doc',
    label: 'Actor',
    start,
    end: start + phrase.length,
    quote: phrase,
    prefix: '',
    suffix: '',
    attributes: {},
    annotator: 'alice',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    origin: { kind: 'manual' },
  };
}

/** A context whose viewer, editor and status record what the actions do to them. */
function fakeContext(
  options: {
    selection?: [number, number] | null;
    caret?: number | null;
    selectedSpan?: string | null;
    sticky?: string | null;
  } = {},
) {
  const spans = new Map(
    [span('s1', 'FBI director'), span('s2', 'James'), span('s3', 'today')].map((a) => [a.id, a]),
  );
  const log = {
    selected: [] as [number, number][],
    scrolled: [] as string[],
    chosen: [] as (string | null)[],
    resized: [] as [string, number, number][],
    sticky: [] as (string | null)[],
    tagged: [] as string[],
    overlays: [] as string[],
    info: [] as string[],
  };
  let selection = options.selection ?? null;
  const ctx = {
    text: TEXT,
    codebook: CODEBOOK,
    selectedSpan: options.selectedSpan ?? null,
    stickyLabel: options.sticky ?? null,
    snapToWords: true,
    setSnapToWords: () => undefined,
    setStickyLabel: (label: string | null) => log.sticky.push(label),
    selectSpan: (id: string | null) => log.chosen.push(id),
    textSelection: () =>
      selection && { start: selection[0], end: selection[1], text: TEXT.slice(...selection) },
    tagSelection: (label: string) => log.tagged.push(label),
    openOverlay: (overlay: string) => log.overlays.push(overlay),
    status: { message: null, info: (t: string) => log.info.push(t), error: () => undefined },
    viewer: {
      getCaret: () => options.caret ?? null,
      selectText: (start: number, end: number) => {
        selection = [start, end];
        log.selected.push([start, end]);
      },
      scrollToSpan: (id: string) => log.scrolled.push(id) > 0,
    },
    editor: {
      list: () => [...spans.values()],
      get: (id: string) => spans.get(id),
      resize: async (id: string, start: number, end: number) => {
        log.resized.push([id, start, end]);
        const moved = { ...spans.get(id)!, start, end, quote: TEXT.slice(start, end) };
        spans.set(id, moved);
        return moved;
      },
    },
  } as unknown as DocumentContext;
  return { ctx, log };
}

const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

async function pressIn(ctx: DocumentContext, event: KeyLike, mac = false) {
  const errors: unknown[] = [];
  const ran = runKeyAction(documentActions(CODEBOOK), ctx, event, mac, (e) => errors.push(e));
  await new Promise((r) => setTimeout(r, 0));
  if (errors.length) throw errors[0];
  return ran;
}

const slice = ([start, end]: [number, number]) => TEXT.slice(start, end);

describe('coding actions through the keyboard', () => {
  it('Shift+1 keeps Actor active, whatever Shift+1 types; again, or Esc, stops', async () => {
    const { ctx, log } = fakeContext();
    await pressIn(ctx, press('!', { shiftKey: true, code: 'Digit1' }));
    expect(log.sticky).toEqual(['Actor']);
    const active = fakeContext({ sticky: 'Actor' });
    await pressIn(active.ctx, press('!', { shiftKey: true, code: 'Digit1' }));
    await pressIn(active.ctx, press('Escape'));
    expect(active.log.sticky).toEqual([null, null]);
  });

  it('Esc closes the span panel before it stops the sticky label', async () => {
    const { ctx, log } = fakeContext({ sticky: 'Actor', selectedSpan: 's2' });
    await pressIn(ctx, press('Escape'));
    expect(log.chosen).toEqual([null]);
    expect(log.sticky).toEqual([]);
  });

  it('Enter tags the selection with the active label', async () => {
    const { ctx, log } = fakeContext({ sticky: 'Claim', selection: [19, 31] });
    await pressIn(ctx, press('Enter'));
    expect(log.tagged).toEqual(['Claim']);
    const none = fakeContext({ selection: [19, 31] });
    expect(await pressIn(none.ctx, press('Enter'))).toBe(false);
  });

  it.each<[string, KeyLike, boolean, string]>([
    ['Alt+W: the word', press('w', { altKey: true, code: 'KeyW' }), false, 'Comey'],
    ['Option+W on a Mac', press('∑', { altKey: true, code: 'KeyW' }), true, 'Comey'],
    [
      'Alt+S: the sentence',
      press('s', { altKey: true, code: 'KeyS' }),
      false,
      'FBI director James Comey said “no way” today.',
    ],
  ])('%s around the caret', async (_name, event, mac, expected) => {
    const { ctx, log } = fakeContext({ caret: TEXT.indexOf('Comey') + 2 });
    await pressIn(ctx, event, mac);
    expect(log.selected.map(slice)).toEqual([expected]);
  });

  it('Alt+Q twice: the quotation, then with its marks', async () => {
    const { ctx, log } = fakeContext({ caret: TEXT.indexOf('way') });
    await pressIn(ctx, press('q', { altKey: true, code: 'KeyQ' }));
    await pressIn(ctx, press('q', { altKey: true, code: 'KeyQ' }));
    expect(log.selected.map(slice)).toEqual(['no way', '“no way”']);
  });

  it('expanding with no caret in the text says what to do', async () => {
    const { ctx, log } = fakeContext();
    await pressIn(ctx, press('s', { altKey: true, code: 'KeyS' }));
    expect(log.selected).toEqual([]);
    expect(log.info[0]).toMatch(/Click in the text/);
  });

  it.each<[string, KeyLike, string]>([
    [
      'Shift+Alt+→: end one word right',
      press('ArrowRight', { shiftKey: true, altKey: true }),
      'James Comey',
    ],
    ['Alt+←: start one word left', press('ArrowLeft', { altKey: true }), 'director James'],
    [
      'Shift+Alt+Ctrl+→: end one character right',
      press('ArrowRight', { shiftKey: true, altKey: true, ctrlKey: true }),
      'James ',
    ],
    [
      'Alt+Ctrl+→: start one character right',
      press('ArrowRight', { altKey: true, ctrlKey: true }),
      'ames',
    ],
  ])('%s', async (_name, event, expected) => {
    const { ctx, log } = fakeContext({ selectedSpan: 's2' });
    await pressIn(ctx, event);
    expect(log.resized.map(([, s, e]) => TEXT.slice(s, e))).toEqual([expected]);
  });

  it('a nudge with no span selected only explains (and keeps Alt+← from going Back)', async () => {
    const { ctx, log } = fakeContext();
    expect(await pressIn(ctx, press('ArrowLeft', { altKey: true }))).toBe(true);
    expect(log.resized).toEqual([]);
    expect(log.info[0]).toMatch(/Select a span first/);
  });

  it('J and K step through the spans in reading order, selecting and scrolling', async () => {
    const { ctx, log } = fakeContext({ selectedSpan: 's2' });
    await pressIn(ctx, press('j'));
    await pressIn(ctx, press('k'));
    expect(log.chosen).toEqual(['s3', 's1']);
    expect(log.scrolled).toEqual(['s3', 's1']);
    const atEnd = fakeContext({ selectedSpan: 's3' });
    await pressIn(atEnd.ctx, press('j'));
    expect(atEnd.log.info).toEqual(['No span after this one.']);
  });

  it('Ctrl+K and ? open the palette and the sheet', async () => {
    const { ctx, log } = fakeContext();
    await pressIn(ctx, press('k', { ctrlKey: true }));
    await pressIn(ctx, press('?', { shiftKey: true }));
    expect(log.overlays).toEqual(['palette', 'shortcuts']);
  });
});

describe('the keys of the annotate screen', () => {
  it('give every chord to one command, except where their conditions exclude each other', () => {
    const byChord = new Map<string, string[]>();
    for (const action of documentActions(CODEBOOK)) {
      for (const chord of action.keys ?? []) {
        byChord.set(chord, [...(byChord.get(chord) ?? []), action.id]);
      }
    }
    const shared = [...byChord].filter(([, ids]) => ids.length > 1);
    // Esc first closes the span panel (enabled only with a span selected), then the sticky label.
    expect(shared).toEqual([['Escape', ['deselect', 'sticky-off']]]);
  });

  it('lists every coding action with a title and a group for the sheet and the palette', () => {
    for (const action of codingActions(CODEBOOK)) {
      expect(action.title).not.toBe('');
      expect(action.group).not.toBe('');
    }
  });
});
