// The bottom tab strip (event log, comparison, serial): an ARIA tablist with one tab stop.
// Our own rather than vscode-tabs: its header row cannot wrap (in a narrow editor group the
// last tab was off-screen), its list had no name, and Home/End did nothing.
import { h, icon } from './dom';

export interface TabSpec {
  readonly id: string;
  readonly label: string;
  readonly codicon: string;
  readonly panel: HTMLElement;
}

export class TabStrip {
  readonly root: HTMLElement;
  private readonly tabs: HTMLButtonElement[] = [];
  private readonly panels: HTMLElement[] = [];
  private selected = 0;

  constructor(label: string, specs: readonly TabSpec[], private readonly onSelect: (index: number) => void) {
    const list = h('div', { class: 'tab-list', role: 'tablist', 'aria-label': label });
    this.root = h('section', { class: 'bottom-tabs', 'aria-label': label }, list);
    for (const spec of specs) {
      const tab = h('button', {
        type: 'button', class: 'tab', role: 'tab', id: `tab-${spec.id}`, 'data-testid': `tab-${spec.id}`,
        'aria-controls': `panel-${spec.id}`, 'aria-selected': 'false', tabindex: -1,
      }, icon(spec.codicon), h('span', {}, spec.label));
      // A panel is a tab stop of its own (as the ARIA pattern has it), so a reader can reach a panel without controls.
      const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: `panel-${spec.id}`, 'data-testid': `panel-${spec.id}`, 'aria-labelledby': `tab-${spec.id}`, tabindex: 0, hidden: true }, spec.panel);
      const index = this.tabs.length;
      tab.addEventListener('click', () => this.select(index, true));
      tab.addEventListener('keydown', (e) => this.onKey(e, index));
      list.append(tab);
      this.tabs.push(tab);
      this.panels.push(panel);
      this.root.append(panel);
    }
  }

  get selectedIndex(): number {
    return this.selected;
  }

  /** Shows tab `index`; `notify` tells the app (a user's choice, not a restored state). */
  select(index: number, notify = false): void {
    const target = Math.min(Math.max(0, index), this.tabs.length - 1);
    this.tabs.forEach((tab, i) => {
      const on = i === target;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      tab.classList.toggle('selected', on);
      this.panels[i]!.hidden = !on;
    });
    const changed = target !== this.selected;
    this.selected = target;
    if (notify && changed) this.onSelect(target);
  }

  private onKey(e: KeyboardEvent, index: number): void {
    const n = this.tabs.length;
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1 + n, Home: 0, End: n - 1 }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    // Automatic activation: the panels are cheap to show.
    this.select(target % n, true);
    this.tabs[target % n]!.focus();
  }
}
