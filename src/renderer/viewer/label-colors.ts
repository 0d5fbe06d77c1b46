/**
 * Label colours as classes: each label name gets a class (`wb-label-0`, …) once, for the
 * viewer's lifetime, and one small style sheet of the viewer maps each class to
 * `--label-color: <the codebook's colour>`. Highlights carry only the class — no inline style,
 * which would cost a CSS parse per element on open — and recolouring a label (a codebook edit)
 * rewrites a few rules without touching a single decoration. A label the codebook does not know
 * gets no rule, and viewer.css falls back to grey.
 *
 * The rules are scoped to this viewer's root (`[data-wb-viewer="<n>"]`), since another viewer
 * on the page may number its labels differently.
 */
import type { Codebook } from '../../shared/model';

/** Only plain hex colours go into the style sheet (the codebook schema allows no other). */
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

let viewers = 0;

export class LabelColors {
  private readonly slots = new Map<string, number>();
  private colors = new Map<string, string>();
  private readonly scope: string;

  /** Scopes the rules to `root` and writes them into `sheet` (a constructed, adopted sheet). */
  constructor(
    root: HTMLElement,
    private readonly sheet: CSSStyleSheet,
    codebook: Codebook,
  ) {
    const id = String(++viewers);
    root.dataset.wbViewer = id;
    this.scope = `[data-wb-viewer="${id}"]`;
    this.setCodebook(codebook);
  }

  /** The class giving an element `label`'s colour as `--label-color`. */
  className(label: string): string {
    let slot = this.slots.get(label);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(label, slot);
      if (this.colors.has(label)) this.render();
    }
    return `wb-label-${slot}`;
  }

  setCodebook(codebook: Codebook): void {
    this.colors = new Map(
      codebook.labels.filter((l) => HEX_COLOR.test(l.color)).map((l) => [l.name, l.color]),
    );
    for (const label of this.colors.keys()) this.className(label);
    this.render();
  }

  private render(): void {
    const rules: string[] = [];
    for (const [label, slot] of this.slots) {
      const color = this.colors.get(label);
      if (color) rules.push(`${this.scope} .wb-label-${slot} { --label-color: ${color}; }`);
    }
    this.sheet.replaceSync(rules.join('\n'));
  }
}
