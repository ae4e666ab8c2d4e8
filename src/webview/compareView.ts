// The chart comparing all modes: the cycles of each mode as a bar stacked by cause, one
// sentence per mode naming its dominant cost, the explanation of surprising results, a table
// of the same numbers, then one group of bars per other measure. Every bar carries its number
// and every segment a pattern and a legend entry, so the chart reads without colour too.
import './compare.css';
import type { CycleCause, LocalizedText, Mode } from '../core/sim/api';
import { CAUSE_LABELS } from '../core/sim/breakdown';
import { hypercallNotes } from '../core/sim/compare';
import { explainComparison } from '../core/sim/explain';
import type { UiLanguage, UiStrings } from '../shared/protocol';
import { barFractions, type ModeRow } from './compare';
import { clear, h, icon } from './dom';
import { format, formatCount } from './model';

type Measure = 'direct' | 'traps' | 'vmexits' | 'kvmExits' | 'hypercalls' | 'divergences';

const MEASURES: readonly [Measure, keyof UiStrings][] = [
  ['direct', 'directInstructions'],
  ['traps', 'traps'],
  ['vmexits', 'vmexits'],
  ['kvmExits', 'kvmExits'],
  ['hypercalls', 'hypercalls'],
  ['divergences', 'divergences'],
];

/** A segment wide enough (share of the track) to print its percentage inside. */
const LABEL_INSIDE = 0.12;

export class CompareView {
  readonly root: HTMLElement;
  readonly button: HTMLElement;
  private readonly status: HTMLElement;
  private readonly chart: HTMLElement;

  constructor(private readonly t: UiStrings, private readonly lang: UiLanguage, private readonly modeName: (m: Mode) => string) {
    this.button = h('vscode-button', { icon: 'graph', secondary: true }, t.compareRun);
    this.status = h('p', { class: 'compare-status', role: 'status' }, t.compareEmpty);
    this.chart = h('div', { class: 'chart' });
    this.root = h('div', { class: 'compare-pane' }, h('div', { class: 'compare-bar' }, this.button, this.status), this.chart);
  }

  running(mode: Mode): void {
    this.status.textContent = format(this.t.compareRunning, this.modeName(mode));
  }

  reset(): void {
    clear(this.chart);
    this.status.textContent = this.t.compareEmpty;
  }

  show(rows: readonly ModeRow[]): void {
    clear(this.chart);
    this.status.textContent = '';
    this.chart.append(this.cycles(rows));
    const causes = this.causesShown(rows);
    if (causes.length > 0) this.chart.append(this.legend(causes));
    this.chart.append(...this.sentences(rows));
    if (causes.length > 0) this.chart.append(this.table(rows));
    const n = (v: number) => formatCount(v, this.lang);
    for (const [measure, key] of MEASURES) {
      const values = rows.map((r) => r[measure]);
      if (values.every((v) => v === 0)) continue;
      const fractions = barFractions(values);
      const group = h('figure', { class: `measure measure-${measure}`, 'aria-labelledby': `caption-${measure}` }, h('figcaption', { id: `caption-${measure}` }, this.t[key]));
      rows.forEach((row, i) => {
        const bar = h('span', { class: `bar mode-${row.mode}` });
        // CSSOM assignment is allowed by the CSP (inline style attributes are not).
        bar.style.width = `${(fractions[i]! * 100).toFixed(2)}%`;
        group.append(h('div', { class: 'bar-row' },
          h('span', { class: 'bar-label' }, this.modeName(row.mode)),
          h('span', { class: 'bar-track' }, bar),
          h('span', { class: 'bar-value' }, n(values[i]!))));
      });
      this.chart.append(group);
    }
    const list = h('ul', { class: 'mode-verdicts' });
    for (const row of rows) {
      const reasons = row.exitsByReason.map((r) => `${r.reason} ${n(r.count)}`).join(', ');
      list.append(h('li', { class: row.sameAsNative ? 'same' : 'differs' },
        icon(row.sameAsNative ? 'pass' : 'warning'), ' ',
        h('strong', {}, this.modeName(row.mode)), ': ',
        row.sameAsNative ? this.t.sameAsNative : this.t.differsFromNative,
        reasons ? ` — ${this.t.exitsByReason}: ${reasons}` : ''));
    }
    this.chart.append(list);
  }

  private text(t: LocalizedText): string {
    return t[this.lang];
  }

  private percent(part: number, whole: number): string {
    return `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`;
  }

  /** Total cycles per mode, each bar stacked by cause; a focusable image with its numbers as text. */
  private cycles(rows: readonly ModeRow[]): HTMLElement {
    const n = (v: number) => formatCount(v, this.lang);
    const fractions = barFractions(rows.map((r) => r.cycles));
    const group = h('figure', { class: 'measure measure-cycles', 'aria-labelledby': 'caption-cycles' }, h('figcaption', { id: 'caption-cycles' }, this.t.cyclesByCause));
    rows.forEach((row, i) => {
      const bar = h('span', { class: `bar mode-${row.mode}${row.breakdown.length > 0 ? ' stacked' : ''}` });
      bar.style.width = `${(fractions[i]! * 100).toFixed(2)}%`;
      for (const share of row.breakdown) {
        const label = this.text(CAUSE_LABELS[share.cause]);
        const pct = this.percent(share.cycles, row.cycles);
        const segment = h('span', { class: `segment cause-${share.cause}`, 'data-cause': share.cause, title: `${label}: ${n(share.cycles)} (${pct})` });
        segment.style.width = `${((share.cycles / row.cycles) * 100).toFixed(3)}%`;
        if ((share.cycles / row.cycles) * fractions[i]! >= LABEL_INSIDE) segment.append(h('span', { class: 'segment-text' }, pct));
        bar.append(segment);
      }
      const parts = row.breakdown.map((s) => `${this.text(CAUSE_LABELS[s.cause])} ${n(s.cycles)} (${this.percent(s.cycles, row.cycles)})`).join(', ');
      group.append(h('div', {
        class: 'bar-row', 'data-mode': row.mode, tabindex: 0, role: 'img',
        'aria-label': format(this.t.barSummary, this.modeName(row.mode), n(row.cycles), parts),
      },
      h('span', { class: 'bar-label' }, this.modeName(row.mode)),
      h('span', { class: 'bar-track' }, bar),
      h('span', { class: 'bar-value' }, n(row.cycles))));
    });
    return group;
  }

  /** The causes present in any mode, in stacking order. */
  private causesShown(rows: readonly ModeRow[]): CycleCause[] {
    const seen = new Set(rows.flatMap((r) => r.breakdown.map((s) => s.cause)));
    return (Object.keys(CAUSE_LABELS) as CycleCause[]).filter((c) => seen.has(c));
  }

  private legend(causes: readonly CycleCause[]): HTMLElement {
    return h('ul', { class: 'cause-legend', 'aria-label': this.t.causeLegend },
      ...causes.map((c) => h('li', { 'data-cause': c },
        h('span', { class: `swatch segment cause-${c}`, 'aria-hidden': 'true' }), ' ', this.text(CAUSE_LABELS[c]))));
  }

  /** One sentence per mode on its dominant cost, then the findings and the comparison's notes. */
  private sentences(rows: readonly ModeRow[]): HTMLElement[] {
    const era = rows.find((r) => r.era)?.era ?? 'current';
    // The sentences name modes as the rest of the panel does (the page has its own language's names only).
    const names = { [this.lang]: this.modeName };
    const explained = explainComparison({ era, modes: rows.map((r) => ({ mode: r.mode, result: r.result, breakdown: r.breakdown })) }, names);
    const out: HTMLElement[] = [];
    if (explained.dominant.length > 0) {
      out.push(h('ul', { class: 'cost-sentences' },
        ...explained.dominant.map((d) => h('li', { 'data-mode': d.mode, 'data-cause': d.cause }, this.text(d.text)))));
    }
    const notes = hypercallNotes(rows.map((r) => ({ mode: r.mode, result: r.result })), names);
    if (explained.findings.length + notes.length > 0) {
      out.push(h('section', { class: 'compare-findings', 'aria-label': this.t.whyResults },
        h('h3', {}, icon('lightbulb'), ' ', this.t.whyResults),
        ...explained.findings.map((f) => h('p', { class: 'finding', 'data-finding': f.id }, this.text(f.text))),
        ...notes.map((note) => h('p', { class: 'finding compare-note' }, this.text(note)))));
    }
    return out;
  }

  /** The same numbers as a table, for screen readers and for reading exact values. */
  private table(rows: readonly ModeRow[]): HTMLElement {
    const n = (v: number) => formatCount(v, this.lang);
    const body = h('tbody');
    for (const row of rows) {
      row.breakdown.forEach((s, i) => {
        body.append(h('tr', {},
          i === 0 ? h('th', { scope: 'rowgroup', rowspan: row.breakdown.length }, `${this.modeName(row.mode)} (${n(row.cycles)})`) : undefined,
          h('td', {}, this.text(CAUSE_LABELS[s.cause])),
          h('td', { class: 'num' }, n(s.cycles)),
          h('td', { class: 'num' }, this.percent(s.cycles, row.cycles)),
          h('td', { class: 'num' }, n(s.count))));
      });
    }
    return h('details', { class: 'cause-table' },
      h('summary', {}, this.t.causeTable),
      h('table', {},
        h('caption', { class: 'visually-hidden' }, this.t.causeTable),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, this.t.mode), h('th', { scope: 'col' }, this.t.cause), h('th', { scope: 'col' }, this.t.cycles),
          h('th', { scope: 'col' }, this.t.share), h('th', { scope: 'col' }, this.t.timesPaid))),
        body));
  }
}
