/**
 * The list of every span under the pointer, shown after a short rest: with overlapping and
 * nested spans the underlines tell that several spans are there, this says which. Innermost
 * first, each with its label colour, label and (shortened) text. Purely informational; a click
 * goes to the app (`onSpanClick`), which offers the actions.
 */

/** How long the pointer rests on a span before the list shows: no flicker while reading. */
const HOVER_DELAY_MS = 350;
/** Longest quote shown per span, in UTF-16 code units (cut at a code point boundary). */
const QUOTE_LENGTH = 60;

export interface HoverEntry {
  readonly id: string;
  readonly label: string;
  readonly quote: string;
  /** The class giving the label's colour (label-colors.ts). */
  readonly labelClass: string;
}

export class SpanHoverList {
  private readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown = '';

  /** `parent` must be inside the viewer root, which scopes the label colour rules. */
  constructor(parent: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'wb-span-list';
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
    parent.append(this.element);
  }

  /** Shows `entries` near the pointer at (x, y) (client coordinates) after a rest. */
  show(entries: readonly HoverEntry[], x: number, y: number): void {
    const key = entries.map((e) => e.id).join(' ');
    if (key === this.shown && !this.element.hidden) return;
    this.hide();
    this.shown = key;
    this.timer = setTimeout(() => this.render(entries, x, y), HOVER_DELAY_MS);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.shown = '';
    this.element.hidden = true;
  }

  destroy(): void {
    this.hide();
    this.element.remove();
  }

  private render(entries: readonly HoverEntry[], x: number, y: number): void {
    const rows = entries.map((entry) => {
      const row = document.createElement('div');
      row.className = 'wb-span-list-row';
      const swatch = document.createElement('span');
      swatch.className = `wb-span-list-swatch ${entry.labelClass}`;
      const label = document.createElement('span');
      label.className = 'wb-span-list-label';
      label.textContent = entry.label;
      const quote = document.createElement('span');
      quote.className = 'wb-span-list-quote';
      quote.textContent = shorten(entry.quote);
      row.append(swatch, label, quote);
      return row;
    });
    this.element.replaceChildren(...rows);
    this.element.hidden = false;
    // Below the pointer, kept inside the window.
    const { width, height } = this.element.getBoundingClientRect();
    const left = Math.max(4, Math.min(x + 8, window.innerWidth - width - 4));
    const top = y + 20 + height > window.innerHeight ? y - height - 12 : y + 20;
    this.element.style.left = `${left}px`;
    this.element.style.top = `${Math.max(4, top)}px`;
  }
}

function shorten(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTE_LENGTH) return `“${flat}”`;
  let cut = QUOTE_LENGTH;
  // Do not cut a surrogate pair in half.
  if (/[\uD800-\uDBFF]/.test(flat[cut - 1]!)) cut--;
  return `“${flat.slice(0, cut)}…”`;
}
