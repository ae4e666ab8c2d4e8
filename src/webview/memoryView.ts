// The Memory tab: the guest's page directory and tables as a tree, beside the mode's own table
// (shadow page tables or KVM's EPT), the last TLB miss's walk as the 2-D grid, the TLB, a hex
// view of guest memory and the memory counters. It reads the Simulation the page runs; each
// section is redrawn only when its fingerprint changed, and only while the tab is shown.
import './memory.css';
import type { MemoryStats, Registers, VmxExitReason } from '../core/sim/api';
import type { MemorySnapshot, MemoryTechnique, PageEntryView, Simulation, WalkGridView, WalkReference } from '../core/sim';
import type { UiLanguage, UiStrings } from '../shared/protocol';
import { clear, h, icon } from './dom';
import {
  bitFlags, bitsInWords, entryNumbers, fingerprint, hex32, hexByte, hexRows, parseAddressInput, resolveAddress, separators, walkGrid,
  type AddressInput, type BitWords,
} from './memoryModel';
import { format, formatCount } from './model';

/** What the view reads of the running machine. */
export type MemorySource = Pick<Simulation, 'memorySnapshot' | 'readGuestMemory' | 'state'>;

/** Rows drawn at most per level of the tree and per table (a table has up to 1024 entries). */
export const MAX_TREE_ROWS = 64;
/** Bytes in the hex view. */
export const HEX_BYTES = 256;

const COUNTERS: readonly [keyof MemoryStats, keyof UiStrings][] = [
  ['tlbHits', 'memTlbHits'], ['tlbMisses', 'memTlbMisses'], ['pageWalkReferences', 'memWalkRefs'], ['guestPageFaults', 'memGuestFaults'],
  ['hiddenPageFaults', 'memHiddenFaults'], ['shadowUpdates', 'memShadowUpdates'], ['eptViolations', 'memEptViolations'],
];
/** VM exits that memory virtualization causes, shown beside the counters when they occurred. */
const MEMORY_EXITS: readonly VmxExitReason[] = ['EXCEPTION_NMI', 'CR_ACCESS', 'INVLPG', 'EPT_VIOLATION'];
const TECHNIQUE: Record<MemoryTechnique, keyof UiStrings> = {
  none: 'memTechNone', softmmu: 'memTechSoftmmu', shadow: 'memTechShadow', 'pv-mmu': 'memTechPv', ept: 'memTechEpt',
};
const EPT_LEVELS = ['PML4', 'PDPT', 'PD', 'PT'];

export class MemoryView {
  readonly root: HTMLElement;
  private readonly technique: HTMLElement;
  private readonly control: HTMLElement;
  private readonly counters: HTMLElement;
  private readonly tree: HTMLElement;
  private readonly treeNote: HTMLElement;
  private readonly second: HTMLElement;
  private readonly walk: HTMLElement;
  private readonly tlb: HTMLElement;
  private readonly address: HTMLInputElement;
  private readonly space: HTMLSelectElement;
  private readonly addressError: HTMLElement;
  private readonly hex: HTMLElement;
  private readonly words: BitWords;
  private readonly sep: { list: string; clause: string };

  private source: MemorySource | undefined;
  private shown = false;
  /** Fingerprints of what each section shows now ('' forces a redraw). */
  private drawn = { tree: '', second: '', walk: '', tlb: '', hex: '', head: '' };
  private readonly expanded = new Set<number>();
  /** The tree item the keyboard is on (its element id). */
  private activeItem = '';
  private input: AddressInput = { kind: 'register', register: 'cr2' };
  private activeCell = { row: 0, col: 0 };

  constructor(private readonly t: UiStrings, private readonly lang: UiLanguage) {
    this.words = {
      present: t.memBitPresent, notPresent: t.memBitNotPresent, writable: t.memBitWritable, readOnly: t.memBitReadOnly, user: t.memBitUser,
      supervisor: t.memBitSupervisor, accessed: t.memBitAccessed, notAccessed: t.memBitNotAccessed, dirty: t.memBitDirty, clean: t.memBitClean,
    };
    this.sep = separators(lang);
    this.technique = h('p', { class: 'memory-technique', id: 'memory-technique' });
    this.control = h('p', { class: 'memory-control', id: 'memory-control' });
    this.counters = h('dl', { class: 'memory-counters', id: 'memory-counters', 'aria-labelledby': 'memory-counters-h' });
    // One tab stop: the arrow keys move through the items (aria-activedescendant), as a treeview.
    this.tree = h('ul', { class: 'page-tree', id: 'page-tree', role: 'tree', tabindex: 0, 'aria-labelledby': 'page-tree-h' });
    this.tree.addEventListener('keydown', (e) => this.onTreeKey(e));
    this.tree.addEventListener('focus', () => {
      if (!this.activeItem || !this.tree.querySelector(`#${this.activeItem}`)) this.setActiveItem(this.items()[0]);
    });
    this.tree.addEventListener('click', (e) => {
      const item = (e.target as Element).closest<HTMLElement>('[role="treeitem"]');
      if (!item) return;
      this.setActiveItem(item);
      if (item.dataset.pde !== undefined && item.getAttribute('aria-level') === '1') this.toggle(Number(item.dataset.pde));
    });
    this.treeNote = h('p', { class: 'memory-note' });
    this.second = h('section', { class: 'second-table', id: 'second-table' });
    this.walk = h('section', { class: 'memory-walk', id: 'memory-walk', 'aria-labelledby': 'memory-walk-h' });
    this.tlb = h('section', { class: 'memory-tlb', id: 'memory-tlb' });
    this.address = h('input', { id: 'memory-address', type: 'text', value: 'cr2', spellcheck: 'false', autocomplete: 'off', placeholder: t.memAddressHint, 'aria-describedby': 'memory-address-error' });
    this.space = h('select', { id: 'memory-space', 'aria-label': t.memSpace },
      h('option', { value: 'linear', selected: true }, t.memSpaceLinear), h('option', { value: 'physical' }, t.memSpacePhysical));
    this.addressError = h('p', { class: 'memory-address-error', id: 'memory-address-error', role: 'alert' });
    this.hex = h('div', { class: 'memory-hex', id: 'memory-hex' });
    this.address.addEventListener('input', () => this.onAddress());
    this.space.addEventListener('change', () => this.refreshHex());

    const section = (cls: string, id: string, title: string, ...body: (Node | undefined)[]) =>
      h('section', { class: cls, 'aria-labelledby': id }, h('h3', { id }, title), ...body);
    this.root = h('div', { class: 'memory-pane', id: 'memory', 'data-testid': 'memory' },
      h('div', { class: 'memory-head' }, this.technique, this.control),
      section('memory-counters-section', 'memory-counters-h', t.memCounters, this.counters),
      h('div', { class: 'memory-columns' },
        section('guest-tables', 'page-tree-h', t.memGuestTables, this.treeNote, this.tree),
        this.second),
      h('div', { class: 'memory-columns' }, this.walk, this.tlb),
      section('memory-dump', 'memory-hex-h', t.memHex,
        h('div', { class: 'memory-address-row' },
          h('label', { for: 'memory-address' }, t.memAddress), this.address, this.space),
        this.addressError, this.hex));
  }

  /**
   * Called where the other tabs refresh. `shown`: the tab is visible; a hidden tab only remembers
   * its source and draws when shown again.
   */
  update(source: MemorySource | undefined, shown: boolean): void {
    if (source !== this.source) {
      this.source = source;
      this.expanded.clear();
      this.drawn = { tree: '', second: '', walk: '', tlb: '', hex: '', head: '' };
    }
    this.shown = shown;
    if (!shown) return;
    if (!source) {
      this.drawEmpty();
      return;
    }
    const snapshot = source.memorySnapshot();
    const state = source.state();
    this.drawHead(snapshot, state.stats.memory, state.stats.vmexits);
    this.drawTree(snapshot);
    this.drawSecond(snapshot);
    this.drawWalk(snapshot.lastWalk);
    this.drawTlb(snapshot);
    this.drawHex(state.registers);
  }

  private drawEmpty(): void {
    if (this.drawn.head === 'empty') return;
    this.drawn = { tree: '', second: '', walk: '', tlb: '', hex: '', head: 'empty' };
    for (const el of [this.counters, this.tree, this.second, this.walk, this.tlb, this.hex]) clear(el);
    this.technique.textContent = '';
    this.control.textContent = '';
    this.treeNote.textContent = '';
  }

  // --- head: technique, control registers, counters ------------------------------------------

  private drawHead(s: MemorySnapshot, stats: MemoryStats, exits: Partial<Record<VmxExitReason, number>>): void {
    const exitValues = MEMORY_EXITS.map((r) => exits[r] ?? 0);
    const key = fingerprint([s.cr0, s.cr2, s.cr3, ...COUNTERS.map(([k]) => stats[k]), ...exitValues]) + s.technique;
    if (key === this.drawn.head) return;
    this.drawn.head = key;
    const t = this.t;
    this.root.dataset.technique = s.technique;
    this.technique.textContent = format(t.memTechnique, t[TECHNIQUE[s.technique]]);
    this.control.textContent = format(t.memPagingState, hex32(s.cr0), s.paging ? t.memOn : t.memOff, s.writeProtect ? t.memOn : t.memOff, hex32(s.cr2), hex32(s.cr3));
    clear(this.counters);
    const n = (v: number) => formatCount(v, this.lang);
    for (const [k, label] of COUNTERS) {
      this.counters.append(h('div', { class: 'counter', 'data-counter': k }, h('dt', {}, t[label]), h('dd', { 'data-value': stats[k] }, n(stats[k]))));
    }
    MEMORY_EXITS.forEach((reason, i) => {
      const v = exitValues[i]!;
      if (v > 0) this.counters.append(h('div', { class: 'counter reason', 'data-counter': reason }, h('dt', {}, reason), h('dd', { 'data-value': v }, n(v))));
    });
  }

  // --- the guest's tables as a tree ------------------------------------------------------------

  private drawTree(s: MemorySnapshot): void {
    const key = fingerprint([s.paging ? 1 : 0, s.cr3, ...entryNumbers(s.directory), ...this.expanded]);
    if (key === this.drawn.tree) return;
    this.drawn.tree = key;
    const t = this.t;
    this.treeNote.textContent = !s.paging ? t.memPagingOff : s.directory.length === 0 ? t.memNoEntries : '';
    this.tree.setAttribute('aria-label', `${t.memGuestTables} (cr3 ${hex32(s.cr3)})`);
    const wasActive = this.activeItem;
    clear(this.tree);
    for (const d of s.directory.slice(0, MAX_TREE_ROWS)) {
      const open = this.expanded.has(d.index);
      const label = format(t.memDirectoryEntry, d.index, hex32(d.linear), hex32(d.frame));
      const item = h('li', {
        role: 'treeitem', id: `pde-${d.index}`, class: 'pde', 'aria-level': 1, 'aria-selected': 'false', 'data-pde': d.index,
        'aria-expanded': d.table.length > 0 ? String(open) : undefined, 'aria-label': `${label}${this.sep.clause}${bitsInWords(d, false, this.words, this.sep.list)}`,
      }, this.entryRow(d, false, label, d.table.length > 0 ? (open ? 'chevron-down' : 'chevron-right') : 'blank'));
      if (open) {
        const group = h('ul', { role: 'group' });
        for (const e of d.table.slice(0, MAX_TREE_ROWS)) {
          const text = format(t.memTableEntry, e.index, hex32(e.linear), hex32(e.frame));
          group.append(h('li', {
            role: 'treeitem', id: `pte-${d.index}-${e.index}`, class: 'pte', 'aria-level': 2, 'aria-selected': 'false', 'data-pde': d.index, 'data-pte': e.index,
            'aria-label': `${text}${this.sep.clause}${bitsInWords(e, true, this.words, this.sep.list)}`,
          }, this.entryRow(e, true, text, 'blank')));
        }
        if (d.table.length > MAX_TREE_ROWS) group.append(h('li', { role: 'none', class: 'more' }, format(t.memMoreEntries, d.table.length - MAX_TREE_ROWS)));
        item.append(group);
      }
      this.tree.append(item);
    }
    if (s.directory.length > MAX_TREE_ROWS) this.tree.append(h('li', { role: 'none', class: 'more' }, format(t.memMoreEntries, s.directory.length - MAX_TREE_ROWS)));
    const keep = wasActive ? this.tree.querySelector<HTMLElement>(`#${wasActive}`) : null;
    this.activeItem = '';
    if (keep) this.setActiveItem(keep);
    else this.tree.removeAttribute('aria-activedescendant');
  }

  private entryRow(e: PageEntryView, table: boolean, label: string, chevron: string): HTMLElement {
    const bits = h('span', { class: 'bits', 'aria-hidden': 'true' });
    for (const f of bitFlags(e, table)) bits.append(h('span', { class: f === '-' || f === 'R' || f === 'S' ? 'bit off' : 'bit on' }, f));
    return h('span', { class: 'entry-row' }, icon(chevron), h('span', { class: 'entry-label' }, label), bits, h('code', { class: 'entry-value', 'aria-hidden': 'true' }, hex32(e.value)));
  }

  private toggle(pde: number): void {
    if (this.expanded.has(pde)) this.expanded.delete(pde);
    else this.expanded.add(pde);
    this.redrawTree();
  }

  private redrawTree(): void {
    if (!this.source) return;
    this.drawn.tree = '';
    this.drawTree(this.source.memorySnapshot());
  }

  private items(): HTMLElement[] {
    return [...this.tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  }

  private setActiveItem(item: HTMLElement | undefined): void {
    this.tree.querySelector(`#${this.activeItem || 'none'}`)?.setAttribute('aria-selected', 'false');
    this.tree.querySelector('.focused')?.classList.remove('focused');
    if (!item) return;
    this.activeItem = item.id;
    item.setAttribute('aria-selected', 'true');
    item.classList.add('focused');
    this.tree.setAttribute('aria-activedescendant', item.id);
    item.scrollIntoView({ block: 'nearest' });
  }

  private onTreeKey(e: KeyboardEvent): void {
    const items = this.items();
    const current = items.find((i) => i.id === this.activeItem);
    const at = current ? items.indexOf(current) : -1;
    const pde = current ? Number(current.dataset.pde) : NaN;
    const isDirectory = current?.getAttribute('aria-level') === '1';
    const open = current?.getAttribute('aria-expanded') === 'true';
    switch (e.key) {
      case 'ArrowDown': this.setActiveItem(items[Math.min(items.length - 1, at + 1)]); break;
      case 'ArrowUp': this.setActiveItem(items[Math.max(0, at - 1)]); break;
      case 'Home': this.setActiveItem(items[0]); break;
      case 'End': this.setActiveItem(items[items.length - 1]); break;
      case 'ArrowRight':
        if (isDirectory && current?.hasAttribute('aria-expanded')) {
          if (!open) this.toggle(pde);
          else this.setActiveItem(items[at + 1]);
        }
        break;
      case 'ArrowLeft':
        if (isDirectory && open) this.toggle(pde);
        else if (!isDirectory && current) this.setActiveItem(this.tree.querySelector<HTMLElement>(`#pde-${pde}`) ?? undefined);
        break;
      case 'Enter':
      case ' ':
        if (isDirectory && current?.hasAttribute('aria-expanded')) this.toggle(pde);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  // --- the mode's own table: shadow page tables or EPT ----------------------------------------

  private drawSecond(s: MemorySnapshot): void {
    const numbers: number[] = [...s.writeProtectedFrames];
    for (const table of s.shadow ?? []) {
      numbers.push(table.directory, table.current ? 1 : 0, table.entries.length);
      for (const e of table.entries) numbers.push(e.linear, e.frame, e.writable ? 1 : 0, e.user ? 1 : 0);
    }
    for (const e of s.ept ?? []) numbers.push(e.guestPhysical);
    const key = fingerprint(numbers) + s.technique;
    if (key === this.drawn.second) return;
    this.drawn.second = key;
    const t = this.t;
    clear(this.second);
    const kind = s.shadow ? 'shadow' : s.ept ? 'ept' : 'none';
    this.second.dataset.kind = kind;
    this.second.setAttribute('aria-labelledby', 'second-table-h');
    const title = kind === 'shadow' ? t.memShadowTables : kind === 'ept' ? t.memEptTable : t[TECHNIQUE[s.technique]];
    this.second.append(h('h3', { id: 'second-table-h' }, title));
    if (kind === 'shadow') {
      if (s.shadow!.every((table) => table.entries.length === 0)) this.second.append(h('p', { class: 'memory-note' }, t.memShadowEmpty));
      for (const table of s.shadow!) {
        if (table.entries.length === 0) continue;
        const caption = `${format(t.memShadowFor, hex32(table.directory))}${table.current ? ` ${t.memShadowInUse}` : ''}`;
        const body = h('tbody');
        for (const e of table.entries.slice(0, MAX_TREE_ROWS)) {
          body.append(h('tr', { 'data-linear': hex32(e.linear) },
            h('td', {}, hex32(e.linear)), h('td', {}, hex32(e.frame)),
            h('td', { 'aria-label': `${e.writable ? t.memBitWritable : t.memBitReadOnly}${this.sep.list}${e.user ? t.memBitUser : t.memBitSupervisor}` }, `${e.writable ? 'RW' : 'R'} ${e.user ? 'U' : 'S'}`)));
        }
        this.second.append(h('table', { class: `shadow-table${table.current ? ' current' : ''}`, 'data-directory': hex32(table.directory) },
          h('caption', {}, caption),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.memColLinear), h('th', { scope: 'col' }, t.memColFrame), h('th', { scope: 'col' }, t.memColBits))),
          body));
        if (table.entries.length > MAX_TREE_ROWS) this.second.append(h('p', { class: 'more' }, format(t.memMoreEntries, table.entries.length - MAX_TREE_ROWS)));
      }
    } else if (kind === 'ept') {
      if (s.ept!.length === 0) this.second.append(h('p', { class: 'memory-note' }, t.memEptEmpty));
      else {
        const body = h('tbody');
        for (const e of s.ept!) {
          body.append(h('tr', { 'data-gpa': hex32(e.guestPhysical), 'aria-label': format(t.memEptEntry, hex32(e.guestPhysical), hex32(e.hostPhysical)) },
            h('td', {}, hex32(e.guestPhysical)), h('td', {}, hex32(e.hostPhysical)), h('td', {}, `${e.read ? 'R' : '-'}${e.write ? 'W' : '-'}${e.execute ? 'X' : '-'}`)));
        }
        this.second.append(h('table', { class: 'ept-table', id: 'ept-table' },
          h('thead', {}, h('tr', {}, ...[t.memColGuestPhysical, t.memColHostPhysical, t.memColBits].map((c) => h('th', { scope: 'col' }, c)))),
          body));
      }
    } else {
      this.second.append(h('p', { class: 'memory-note' }, t.memNoSecondTable));
    }
    if (s.writeProtectedFrames.length > 0) {
      this.second.append(h('p', { class: 'write-protected', id: 'write-protected' }, icon('lock'), ' ',
        format(t.memWriteProtected, s.writeProtectedFrames.map(hex32).join(this.sep.list))));
    }
  }

  // --- the last walk as the 2-D grid -----------------------------------------------------------

  private drawWalk(walk: WalkGridView | undefined): void {
    const numbers: number[] = walk ? [walk.linear, walk.eptLevels, walk.write ? 1 : 0, walk.user ? 1 : 0] : [];
    for (const r of walk?.references ?? []) numbers.push(r.row, r.col, r.address, r.faulted ? 1 : 0, r.eptViolation ? 1 : 0);
    const key = fingerprint(numbers);
    if (key === this.drawn.walk) return;
    this.drawn.walk = key;
    const t = this.t;
    const hadFocus = this.walk.contains(document.activeElement);
    clear(this.walk);
    this.walk.append(h('h3', { id: 'memory-walk-h' }, t.memWalk));
    if (!walk) {
      this.walk.append(h('p', { class: 'memory-note' }, t.memWalkNone));
      return;
    }
    const grid = walkGrid(walk);
    const summary = format(t.memWalkSummary, hex32(walk.linear), walk.write ? t.memWrite : t.memRead, walk.user ? t.memUserLevel : t.memKernelLevel, walk.references.length);
    this.walk.append(h('p', { class: 'walk-summary', id: 'walk-summary' }, summary));
    const columns = [...EPT_LEVELS.slice(0, walk.eptLevels).map((l) => format(t.memColEpt, l)), t.memColGuest];
    const rowNames = [t.memRowDirectory, t.memRowTable, t.memRowData];
    const table = h('table', {
      class: 'walk-grid', id: 'walk-grid', role: 'grid', 'data-references': walk.references.length, 'data-ept-levels': walk.eptLevels,
      'aria-label': `${t.memWalk}${this.sep.clause}${summary}`, 'aria-rowcount': grid.rows + 1, 'aria-colcount': grid.columns + 1,
    },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), ...columns.map((c) => h('th', { scope: 'col' }, c)))));
    const body = h('tbody');
    this.activeCell = { row: Math.min(this.activeCell.row, grid.rows - 1), col: Math.min(this.activeCell.col, grid.columns - 1) };
    for (let row = 0; row < grid.rows; row++) {
      const tr = h('tr', {}, h('th', { scope: 'row' }, rowNames[row] ?? ''));
      for (let col = 0; col < grid.columns; col++) tr.append(this.cell(grid.cells[row]![col], row, col));
      body.append(tr);
    }
    table.append(body);
    table.addEventListener('keydown', (e) => this.onGridKey(e, grid.rows, grid.columns));
    this.walk.append(table);
    if (grid.faulted) this.walk.append(h('p', { class: 'walk-fault' }, icon('error'), ' ', format(t.memWalkFaulted, grid.faulted.n)));
    if (hadFocus) this.cellAt(this.activeCell.row, this.activeCell.col)?.focus();
  }

  private cell(ref: WalkReference | undefined, row: number, col: number): HTMLElement {
    const t = this.t;
    const active = row === this.activeCell.row && col === this.activeCell.col;
    if (!ref) return h('td', { role: 'gridcell', class: 'walk-cell empty', tabindex: active ? 0 : -1, 'data-row': row, 'data-col': col, 'aria-label': t.memRefNone }, '');
    const notes = [ref.faulted ? t.memRefFaulted : '', ref.eptViolation ? t.memRefEptViolation : ''].filter(Boolean);
    const cls = `walk-cell ref${ref.faulted ? ' faulted' : ''}${ref.eptViolation ? ' ept-violation' : ''}`;
    return h('td', {
      role: 'gridcell', class: cls, tabindex: active ? 0 : -1, 'data-row': row, 'data-col': col, 'data-n': ref.n,
      'aria-label': [format(t.memRef, ref.n, hex32(ref.address)), ...notes].join(this.sep.clause), title: notes.join(this.sep.clause) || undefined,
    },
    h('span', { class: 'ref-n' }, String(ref.n)),
    ref.faulted ? icon('error') : ref.eptViolation ? icon('warning') : undefined,
    h('span', { class: 'ref-address' }, hex32(ref.address)));
  }

  private cellAt(row: number, col: number): HTMLElement | null {
    return this.walk.querySelector<HTMLElement>(`td[data-row="${row}"][data-col="${col}"]`);
  }

  private onGridKey(e: KeyboardEvent, rows: number, columns: number): void {
    const moves: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };
    let { row, col } = this.activeCell;
    if (e.key in moves) {
      row = Math.max(0, Math.min(rows - 1, row + moves[e.key]![0]));
      col = Math.max(0, Math.min(columns - 1, col + moves[e.key]![1]));
    } else if (e.key === 'Home') col = 0;
    else if (e.key === 'End') col = columns - 1;
    else return;
    e.preventDefault();
    this.cellAt(this.activeCell.row, this.activeCell.col)?.setAttribute('tabindex', '-1');
    this.activeCell = { row, col };
    const next = this.cellAt(row, col);
    next?.setAttribute('tabindex', '0');
    next?.focus();
  }

  // --- the TLB ----------------------------------------------------------------------------------

  private drawTlb(s: MemorySnapshot): void {
    const numbers: number[] = [];
    for (const e of s.tlb) numbers.push(e.slot, e.linear, e.frame, e.writable ? 1 : 0, e.user ? 1 : 0, e.dirty ? 1 : 0);
    const key = fingerprint(numbers);
    if (key === this.drawn.tlb) return;
    this.drawn.tlb = key;
    const t = this.t;
    clear(this.tlb);
    this.tlb.setAttribute('aria-labelledby', 'memory-tlb-h');
    this.tlb.append(h('h3', { id: 'memory-tlb-h' }, format(t.memTlb, s.tlb.length)));
    if (s.tlb.length === 0) {
      this.tlb.append(h('p', { class: 'memory-note' }, t.memTlbEmpty));
      return;
    }
    const body = h('tbody');
    for (const e of s.tlb) {
      const words = [e.writable ? t.memBitWritable : t.memBitReadOnly, e.user ? t.memBitUser : t.memBitSupervisor, e.dirty ? t.memBitDirty : t.memBitClean].join(this.sep.list);
      body.append(h('tr', { 'data-slot': e.slot, 'data-linear': hex32(e.linear) },
        h('td', {}, String(e.slot)), h('td', {}, hex32(e.linear)), h('td', {}, hex32(e.frame)),
        h('td', { 'aria-label': words, title: words }, `${e.writable ? 'RW' : 'R'} ${e.user ? 'U' : 'S'} ${e.dirty ? 'D' : '-'}`)));
    }
    this.tlb.append(h('table', { class: 'tlb-table', id: 'tlb-table' },
      h('thead', {}, h('tr', {}, ...[t.memColSlot, t.memColLinear, t.memColFrame, t.memColBits].map((c) => h('th', { scope: 'col' }, c)))),
      body));
  }

  // --- hex view -----------------------------------------------------------------------------------

  private onAddress(): void {
    this.input = parseAddressInput(this.address.value);
    this.refreshHex();
  }

  private refreshHex(): void {
    this.drawn.hex = '';
    if (this.shown && this.source) this.drawHex(this.source.state().registers);
  }

  private drawHex(registers: Registers): void {
    const t = this.t;
    const input = this.input;
    if (input.kind === 'error') {
      const text = this.address.value.trim();
      const message = input.reason === 'empty' ? t.memBadEmpty : format(input.reason === 'range' ? t.memBadRange : t.memBadSyntax, text.slice(0, 40));
      this.address.setAttribute('aria-invalid', 'true');
      if (this.addressError.textContent !== message) this.addressError.textContent = message;
      if (this.drawn.hex !== 'error') {
        this.drawn.hex = 'error';
        clear(this.hex);
      }
      return;
    }
    this.address.removeAttribute('aria-invalid');
    if (this.addressError.textContent) this.addressError.textContent = '';
    const start = resolveAddress(input, registers)!;
    const space = this.space.value === 'physical' ? 'physical' : 'linear';
    const read = this.source!.readGuestMemory(start, HEX_BYTES, space);
    const key = fingerprint([start, space === 'physical' ? 1 : 0, ...read.bytes, ...read.mapped.map((m) => (m ? 1 : 0))]);
    if (key === this.drawn.hex) return;
    this.drawn.hex = key;
    clear(this.hex);
    const caption = format(t.memHexCaption, HEX_BYTES, hex32(start), space === 'physical' ? t.memSpacePhysical : t.memSpaceLinear);
    const body = h('tbody');
    for (const row of hexRows(start, read.bytes, read.mapped)) {
      body.append(h('tr', {},
        h('th', { scope: 'row' }, hex32(row.address)),
        ...row.bytes.map((b) => (b === null ? h('td', { class: 'unmapped', 'aria-label': t.memUnmapped }, '··') : h('td', {}, hexByte(b)))),
        h('td', { class: 'ascii', 'aria-hidden': 'true' }, row.text)));
    }
    this.hex.append(h('table', { class: 'hex-table', id: 'hex-table', 'data-address': hex32(start) }, h('caption', {}, caption), body));
    if (read.mapped.some((m) => !m)) this.hex.append(h('p', { class: 'memory-note' }, t.memUnmapped));
  }
}
