// The chart comparing all modes: one group of bars per measure, one bar per mode,
// each bar labelled with its number so that the chart reads without colour too.
import type { Mode } from '../core/sim/api';
import type { UiLanguage, UiStrings } from '../shared/protocol';
import { barFractions, type ModeRow } from './compare';
import { clear, h, icon } from './dom';
import { format, formatCount } from './model';

type Measure = 'cycles' | 'direct' | 'traps' | 'vmexits' | 'kvmExits' | 'hypercalls' | 'divergences';

const MEASURES: readonly [Measure, keyof UiStrings][] = [
  ['cycles', 'cycles'],
  ['direct', 'directInstructions'],
  ['traps', 'traps'],
  ['vmexits', 'vmexits'],
  ['kvmExits', 'kvmExits'],
  ['hypercalls', 'hypercalls'],
  ['divergences', 'divergences'],
];

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
    const n = (v: number) => formatCount(v, this.lang);
    for (const [measure, key] of MEASURES) {
      const values = rows.map((r) => r[measure]);
      if (measure !== 'cycles' && values.every((v) => v === 0)) continue;
      const fractions = barFractions(values);
      const group = h('figure', { class: `measure measure-${measure}` }, h('figcaption', {}, this.t[key]));
      rows.forEach((row, i) => {
        const bar = h('span', { class: `bar mode-${row.mode}` });
        // CSSOM assignment is allowed by the CSP (inline style attributes are not).
        bar.style.width = `${(fractions[i]! * 100).toFixed(2)}%`;
        group.append(h('div', { class: 'bar-row' },
          h('span', { class: 'bar-label' }, row.mode),
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
}
