// Builds the panel's DOM once and updates parts of it in place. All decisions
// (what a mark means, which path an event takes) come from model.ts.
import type { CpuControlState, MachineState, Mode, SimEvent } from '../core/sim/api';
import type { UiLanguage, UiStrings } from '../shared/protocol';
import { clear, h, icon } from './dom';
import {
  controlRows,
  format,
  counterItems,
  eventKindWord,
  formatCount,
  generalRows,
  markOfEvent,
  type DiagramBox,
  type EventPath,
  type LineMarkKind,
  type LineMarkTable,
} from './model';

export const MARK_KINDS: readonly LineMarkKind[] = ['trap', 'exit', 'userspace', 'hypercall', 'divergence', 'translate', 'exception'];

const MARK_STRING: Record<LineMarkKind, keyof UiStrings> = {
  trap: 'markTrap',
  exit: 'markExit',
  userspace: 'markUserspace',
  hypercall: 'markHypercall',
  divergence: 'markDivergence',
  translate: 'markTranslate',
  exception: 'markException',
};

const MARK_ICON: Record<LineMarkKind, string> = {
  trap: 'debug-step-into',
  exit: 'sign-out',
  userspace: 'server-process',
  hypercall: 'call-outgoing',
  divergence: 'warning',
  translate: 'symbol-event',
  exception: 'zap',
};

export const BOXES: readonly DiagramBox[] = ['guest-user', 'guest-kernel', 'hypervisor', 'qemu', 'hardware'];

export interface ViewCallbacks {
  revealLine(line: number): void;
  explainTerm(term: string): void;
}

/**
 * Scrolls `container` (only it: scrollIntoView also scrolled the page, which opened the panel
 * mid-way down) so that `row` is shown with a few lines of context above and below it; a row
 * that is already visible from the top of an unscrolled list stays put.
 */
export function scrollWithin(container: HTMLElement, row: HTMLElement): void {
  const view = container.clientHeight;
  if (view <= 0) return;
  const top = row.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop - container.clientTop;
  const height = row.offsetHeight;
  const margin = Math.min(3 * height, Math.max(0, (view - height) / 3));
  if (top < container.scrollTop + margin) container.scrollTop = Math.max(0, top - margin);
  else if (top + height > container.scrollTop + view - margin) container.scrollTop = top + height - view + margin;
}

export class ListingView {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private rows: HTMLLIElement[] = [];
  private current = 0;

  constructor(private readonly t: UiStrings, private readonly cb: ViewCallbacks) {
    const legend = h('ul', { class: 'legend', 'aria-label': t.legend });
    for (const kind of MARK_KINDS) {
      legend.append(h('li', { class: `mark mark-${kind}` }, icon(MARK_ICON[kind]), ' ', t[MARK_STRING[kind]]));
    }
    // One tab stop for the whole listing (a program has hundreds of lines): the arrow keys move
    // through it and Enter reveals the line in the editor. Its options hold no buttons (an option
    // with a control inside is read as neither); the mouse reveals a line by its number.
    this.list = h('ol', { class: 'listing', id: 'listing', 'data-testid': 'listing', role: 'listbox', tabindex: 0, 'aria-labelledby': 'listing-h' });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.list.addEventListener('focus', () => {
      if (!this.active) this.setActive(this.current || 1);
    });
    this.list.addEventListener('click', (e) => {
      const row = (e.target as Element).closest?.('li.line');
      const line = Number(row?.getAttribute('data-line'));
      if (!line) return;
      this.setActive(line);
      if ((e.target as Element).closest('.line-number')) this.cb.revealLine(line);
    });
    this.root = h('section', { class: 'pane listing-pane', 'aria-labelledby': 'listing-h' },
      h('h2', { id: 'listing-h' }, t.listing), legend, this.list);
  }

  focus(): void {
    this.list.focus();
  }

  /** The line the keyboard is on (0: none yet). */
  private active = 0;

  private setActive(line: number): void {
    const target = Math.min(Math.max(1, line), this.rows.length);
    this.rows[this.active - 1]?.classList.remove('focused');
    this.rows[this.active - 1]?.setAttribute('aria-selected', 'false');
    this.active = this.rows.length > 0 ? target : 0;
    const row = this.rows[this.active - 1];
    if (!row) {
      this.list.removeAttribute('aria-activedescendant');
      return;
    }
    row.classList.add('focused');
    row.setAttribute('aria-selected', 'true');
    this.list.setAttribute('aria-activedescendant', row.id);
    scrollWithin(this.list, row);
  }

  private onKey(e: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (e.key in moves) this.setActive(this.active + moves[e.key]!);
    else if (e.key === 'Home') this.setActive(1);
    else if (e.key === 'End') this.setActive(this.rows.length);
    else if ((e.key === 'Enter' || e.key === ' ') && this.active > 0) this.cb.revealLine(this.active);
    else return;
    e.preventDefault();
  }

  /** One row per source line; `errors` are assembler messages by 1-based line. */
  setSource(text: string, errors: ReadonlyMap<number, string>): void {
    clear(this.list);
    this.rows = [];
    this.current = 0;
    this.active = 0;
    this.list.removeAttribute('aria-activedescendant');
    const lines = text.split(/\r?\n/);
    lines.forEach((src, i) => {
      const line = i + 1;
      const error = errors.get(line);
      const row = h('li', { class: error ? 'line has-error' : 'line', 'data-line': line, id: `line-${line}`, role: 'option', 'aria-selected': 'false' },
        h('span', { class: 'line-number', title: format(this.t.revealLine, line) }, String(line)),
        h('span', { class: 'marks' }), h('code', { class: 'source' }, src || ' '),
        error ? h('span', { class: 'error-text' }, error) : undefined);
      this.rows.push(row);
      this.list.append(row);
    });
    // A new program starts at its top, not wherever the last one was scrolled to.
    this.list.scrollTop = 0;
  }

  setCurrent(line: number, scroll: boolean): void {
    if (this.current === line) return;
    this.rows[this.current - 1]?.classList.remove('current');
    this.rows[this.current - 1]?.removeAttribute('aria-current');
    this.current = line;
    const row = this.rows[line - 1];
    if (!row) return;
    row.classList.add('current');
    row.setAttribute('aria-current', 'step');
    if (scroll) scrollWithin(this.list, row);
  }

  updateMarks(lines: Iterable<number>, table: LineMarkTable): void {
    for (const line of lines) {
      const row = this.rows[line - 1];
      const marks = table.get(line);
      if (!row || !marks) continue;
      const box = row.querySelector('.marks')!;
      clear(box);
      for (const kind of MARK_KINDS) {
        const n = marks.counts[kind];
        if (!n) continue;
        row.classList.add(`marked-${kind}`);
        const label = `${this.t[MARK_STRING[kind]]} ×${n}`;
        // The count is shown, not only in the tooltip: nothing may be readable only by hovering.
        box.append(h('span', { class: `mark mark-${kind}`, title: label, role: 'img', 'aria-label': label }, icon(MARK_ICON[kind]),
          n > 1 ? h('span', { class: 'mark-count', 'aria-hidden': 'true' }, formatCount(n, 'en')) : undefined));
      }
    }
  }

  clearMarks(): void {
    for (const row of this.rows) {
      for (const kind of MARK_KINDS) row.classList.remove(`marked-${kind}`);
      clear(row.querySelector('.marks')!);
    }
  }
}

export class DiagramView {
  readonly root: HTMLElement;
  private readonly boxes = new Map<DiagramBox, HTMLElement>();
  private readonly labels = new Map<DiagramBox, HTMLElement>();
  private readonly diagram: HTMLElement;
  private readonly pathText: HTMLElement;

  constructor(private readonly t: UiStrings) {
    this.diagram = h('div', { class: 'diagram', id: 'diagram', 'data-testid': 'diagram', role: 'img' });
    for (const box of BOXES) {
      const label = h('span', { class: 'layer-label' });
      const el = h('div', { class: `layer layer-${box}`, 'data-box': box }, label, h('span', { class: 'badge', 'aria-hidden': 'true' }));
      this.boxes.set(box, el);
      this.labels.set(box, label);
      this.diagram.append(el);
    }
    this.pathText = h('p', { class: 'path-text', id: 'path-text' });
    this.root = h('section', { class: 'pane diagram-pane', 'aria-labelledby': 'diagram-h' },
      h('h2', { id: 'diagram-h' }, t.diagram), this.diagram, this.pathText);
  }

  setMode(mode: Mode): void {
    const t = this.t;
    const hypervisor: Record<Mode, string> = {
      native: t.layerHypervisorNone,
      emulate: t.layerHypervisorNone,
      trap: t.layerHypervisorClassic,
      paravirt: t.layerHypervisorClassic,
      bt: t.layerHypervisorBt,
      vtx: t.layerHypervisorVtx,
    };
    const text: Record<DiagramBox, string> = {
      'guest-user': t.layerGuestUser,
      'guest-kernel': t.layerGuestKernel,
      hypervisor: hypervisor[mode],
      qemu: mode === 'emulate' ? t.layerEmulator : t.layerQemu,
      hardware: t.layerHardware,
    };
    for (const [box, label] of this.labels) label.textContent = text[box];
    this.diagram.dataset.mode = mode;
    this.show(undefined);
  }

  show(path: EventPath | undefined): void {
    const t = this.t;
    for (const el of this.boxes.values()) {
      el.classList.remove('on-path');
      el.querySelector('.badge')!.textContent = '';
    }
    this.diagram.className = `diagram path-${path?.kind ?? 'none'}`;
    this.diagram.dataset.path = path?.kind ?? 'none';
    if (!path) {
      this.pathText.textContent = t.pathNone;
      this.diagram.setAttribute('aria-label', `${t.diagram}: ${t.pathNone}`);
      return;
    }
    path.boxes.forEach((box, i) => {
      const el = this.boxes.get(box)!;
      el.classList.add('on-path');
      const badge = el.querySelector('.badge')!;
      badge.textContent = badge.textContent ? `${badge.textContent},${i + 1}` : String(i + 1);
    });
    const explanation: Record<EventPath['kind'], string> = {
      direct: t.pathDirect, trap: t.pathTrap, kvm: t.pathKvm, userspace: t.pathUserspace,
      hypercall: t.pathHypercall, translate: t.pathTranslate, divergence: t.pathDivergence, halt: t.pathHalt,
    };
    const route = path.boxes.map((b) => this.labels.get(b)!.textContent).join(' → ');
    this.pathText.textContent = `${explanation[path.kind]} ${route}`;
    this.diagram.setAttribute('aria-label', `${t.diagram}: ${this.pathText.textContent}`);
  }
}

export class RegistersView {
  readonly root: HTMLElement;
  private readonly control: HTMLTableSectionElement;
  private readonly general: HTMLTableSectionElement;
  private readonly counters: HTMLElement;

  constructor(private readonly t: UiStrings, private readonly lang: UiLanguage) {
    this.control = h('tbody');
    this.general = h('tbody');
    this.counters = h('dl', { class: 'counters', id: 'counters', 'aria-labelledby': 'counters-h' });
    const head = (...cells: string[]) => h('thead', {}, h('tr', {}, ...cells.map((c) => h('th', { scope: 'col' }, c))));
    this.root = h('section', { class: 'pane registers-pane', 'aria-labelledby': 'registers-h' },
      h('h2', { id: 'registers-h' }, t.registers),
      h('table', { class: 'control-registers', id: 'control-registers' }, head(t.regName, t.regGuest, t.regReal), this.control),
      h('h3', {}, t.generalRegisters),
      h('table', { class: 'general-registers', id: 'general-registers' }, head(t.regName, t.regValue, t.regDecimal), this.general),
      h('h3', { id: 'counters-h' }, t.counters), this.counters);
  }

  update(state: MachineState | undefined): void {
    clear(this.control);
    clear(this.general);
    clear(this.counters);
    if (!state) return;
    for (const row of controlRows(state.guest as CpuControlState, state.real as CpuControlState)) {
      const tr = h('tr', { class: row.differs ? 'differs' : undefined, 'data-register': row.name },
        h('th', { scope: 'row' }, row.name),
        h('td', {}, row.guest),
        h('td', {}, row.real, row.differs ? h('span', { class: 'visually-hidden' }, ` ${this.t.regDiffers}`) : undefined));
      this.control.append(tr);
    }
    for (const row of generalRows(state)) {
      this.general.append(h('tr', { 'data-register': row.name }, h('th', { scope: 'row' }, row.name), h('td', {}, row.value), h('td', { class: 'decimal' }, row.decimal)));
    }
    const n = (v: number) => formatCount(v, this.lang);
    for (const c of counterItems(state.stats)) {
      const label = c.reason ?? this.t[c.label!];
      this.counters.append(h('div', { 'data-counter': c.id, class: c.reason ? 'counter reason' : 'counter' },
        h('dt', {}, label), h('dd', { 'data-value': c.value }, n(c.value))));
    }
  }
}

/**
 * The event log: a list (newest first) with one tab stop. The arrow keys move between its
 * entries' buttons (Up/Down: entries, Left/Right: the line and the glossary button of one
 * entry, Home/End: newest and oldest), so a long run adds no tab stops.
 */
export class EventLogView {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly summary: HTMLElement;
  /** `total` when the list was last drawn: only newer events are added. */
  private shownTotal = 0;

  /** `termNames`: the boot's English term → name in the panel's language (PanelBoot). */
  constructor(private readonly t: UiStrings, private readonly lang: UiLanguage, private readonly cb: ViewCallbacks, private readonly termNames: Readonly<Record<string, string>> = {}) {
    this.list = h('ol', { class: 'event-log', id: 'event-log', 'data-testid': 'event-log', 'aria-label': t.log });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.list.addEventListener('focusin', (e) => this.makeTabStop(e.target as HTMLElement));
    this.summary = h('p', { class: 'log-summary', id: 'log-summary' }, t.logEmpty);
    this.root = h('div', { class: 'log-pane' }, this.summary, this.list);
  }

  private termName(term: string): string {
    return Object.hasOwn(this.termNames, term) ? this.termNames[term]! : term;
  }

  /** How many entries the list showed last time; a change redraws it whole. */
  private shownLimit = 0;

  /**
   * `events` are the newest retained ones, oldest first; `total` counts every event of the run.
   * At most `limit` entries are shown (fewer during a fast run, where they change every frame).
   */
  update(events: readonly SimEvent[], total: number, limit = events.length): void {
    const shown = Math.min(limit, events.length);
    this.summary.textContent = total === 0 ? this.t.logEmpty : format(this.t.logShown, formatCount(shown, this.lang), formatCount(total, this.lang));
    if (total < this.shownTotal || limit !== this.shownLimit) {
      // Redrawn whole: a focused entry would be lost, so keep the focus in the log.
      const hadFocus = this.list.contains(document.activeElement);
      clear(this.list);
      this.shownTotal = Math.max(0, total - shown);
      this.shownLimit = limit;
      if (hadFocus) this.list.focus();
    }
    const fresh = Math.min(total - this.shownTotal, shown);
    // Newest first, so the latest event is always in view; older entries beyond the limit go.
    const entries = events.slice(events.length - fresh).map((e) => this.entry(e)).reverse();
    this.list.prepend(...entries);
    while (this.list.childElementCount > shown) this.list.lastElementChild!.remove();
    this.shownTotal = total;
    this.ensureTabStop();
  }

  /** Exactly one button of the log is in the tab order (the last one used, else the newest). */
  private ensureTabStop(): void {
    const stop = this.list.querySelector<HTMLElement>('button[tabindex="0"]');
    const first = this.list.querySelector<HTMLElement>('li.event button');
    // With no button at all the list itself is the stop, so a keyboard can still scroll it.
    this.list.tabIndex = first ? -1 : 0;
    if (!stop && first) first.tabIndex = 0;
  }

  private makeTabStop(target: HTMLElement): void {
    if (target.tagName !== 'BUTTON') return;
    for (const b of this.list.querySelectorAll<HTMLElement>('button[tabindex="0"]')) if (b !== target) b.tabIndex = -1;
    target.tabIndex = 0;
  }

  private onKey(e: KeyboardEvent): void {
    const current = e.target as HTMLElement;
    if (current.tagName !== 'BUTTON') return;
    const entry = current.closest('li')!;
    const inEntry = [...entry.querySelectorAll<HTMLElement>('button')];
    const column = inEntry.indexOf(current);
    const entries = [...this.list.children].filter((li) => li.querySelector('button'));
    const at = entries.indexOf(entry);
    const pick = (li: Element | undefined) => {
      if (!li) return undefined;
      const own = [...li.querySelectorAll<HTMLElement>('button')];
      return own[Math.min(column, own.length - 1)];
    };
    const moves: Record<string, () => HTMLElement | undefined> = {
      ArrowDown: () => pick(entries[at + 1]),
      ArrowUp: () => pick(entries[at - 1]),
      ArrowRight: () => inEntry[column + 1],
      ArrowLeft: () => inEntry[column - 1],
      Home: () => pick(entries[0]),
      End: () => pick(entries[entries.length - 1]),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const target = move();
    if (target) {
      this.makeTabStop(target);
      target.focus();
    }
  }

  private entry(e: SimEvent): HTMLElement {
    const mark = markOfEvent(e);
    const line = e.line > 0
      ? h('button', { class: 'line-number', type: 'button', tabindex: -1, 'aria-label': format(this.t.revealLine, e.line) }, String(e.line))
      : h('span', { class: 'line-number' }, '');
    if (e.line > 0) line.addEventListener('click', () => this.cb.revealLine(e.line));
    const glossary = e.term
      ? h('button', { class: 'glossary', type: 'button', tabindex: -1, title: format(this.t.glossaryFor, this.termName(e.term)), 'aria-label': format(this.t.glossaryFor, this.termName(e.term)) }, icon('book'))
      : undefined;
    if (e.term) glossary!.addEventListener('click', () => this.cb.explainTerm(e.term!));
    const reason = e.vmExit?.reason ?? e.kvmExit?.reason;
    // The kind is shown as an icon and a word at every width: trap and divergence never differ by colour alone.
    const kind = h('span', { class: 'event-kind' }, mark ? icon(MARK_ICON[mark]) : undefined, mark ? ' ' : undefined, eventKindWord(e, this.t));
    if (mark) kind.title = this.t[MARK_STRING[mark]];
    return h('li', { class: `event event-${e.kind}${mark ? ` mark-${mark}` : ''}`, 'data-kind': e.kind, 'data-line': e.line, 'data-reason': reason },
      line,
      kind,
      mark ? h('span', { class: 'visually-hidden' }, `${this.t[MARK_STRING[mark]]}: `) : undefined,
      h('span', { class: 'event-text' }, e.text[this.lang]),
      glossary);
  }
}

export class SerialView {
  readonly root: HTMLElement;
  private readonly output: HTMLElement;
  private readonly empty: HTMLElement;

  constructor(t: UiStrings) {
    // The output element holds only what the guest wrote, so tests and screen readers read it as is.
    this.output = h('pre', { class: 'serial', id: 'serial', 'data-testid': 'serial', role: 'log', 'aria-live': 'off', 'aria-label': t.serial, tabindex: 0 });
    this.empty = h('p', { class: 'serial-empty' }, t.serialEmpty);
    this.root = h('div', { class: 'serial-pane' }, this.empty, this.output);
  }

  update(text: string): void {
    if (this.output.textContent !== text) this.output.textContent = text;
    this.empty.hidden = text.length > 0;
  }
}
