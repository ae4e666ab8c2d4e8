// "Real KVM (this machine)": the program's run on the host's /dev/kvm (made by the extension
// host, in a worker) beside the simulated `vtx` run the page makes itself. Shows the verdict and
// every difference first, then the exits to user space by source line and one by one (real
// beside simulated, mismatches highlighted), the measured exit costs, this host and its KVM
// counters. Each mark has a text or an icon with a label, so colour never carries meaning alone.
import './kvm.css';
import { thisMachineCostModel } from '../core/sim/costs';
import type { CostModel } from '../core/sim/api';
import type { KvmHostToWebview, KvmPanelResult, KvmText, KvmWebviewToHost } from '../shared/kvmProtocol';
import type { UiLanguage, UiStrings } from '../shared/protocol';
import { clear, h, icon } from './dom';
import { formatMicros, KvmRun, nonZeroStats } from './kvmModel';
import { format, formatCount } from './model';

export const KVM_MODE = 'kvm';
/** The era select's value for the cost model measured on this machine's KVM (kvm-lab's `--era this-machine`). */
export const THIS_MACHINE_ERA = 'this-machine';

export interface KvmViewCallbacks {
  post(message: KvmWebviewToHost): void;
  revealLine(line: number): void;
  /** The host measured this machine's exit costs: the era `this-machine` can be offered. */
  thisMachineMeasured(model: CostModel): void;
}

export class KvmView {
  readonly root: HTMLElement;
  /** The mode select's option; disabled until the host says KVM can be used. */
  readonly option: HTMLElement & { disabled: boolean };
  /** Why the mode is disabled, shown under the toolbar (not only on hover). */
  readonly notice: HTMLElement;
  readonly run = new KvmRun();
  private available = false;
  private userspaceExitCycles = 0;
  private readonly status: HTMLElement;
  /** The exits counted so far while a run goes on; outside the live region, so it is not read at every batch. */
  private readonly progress: HTMLElement;
  private readonly body: HTMLElement;
  private listing: HTMLElement | undefined;

  constructor(private readonly t: UiStrings, private readonly lang: UiLanguage, private readonly cb: KvmViewCallbacks) {
    this.option = h('vscode-option', { value: KVM_MODE, disabled: true }, t.modeKvm) as never;
    this.notice = h('p', { class: 'kvm-unavailable', 'data-testid': 'kvm-unavailable', hidden: true });
    this.status = h('p', { class: 'kvm-status', 'data-testid': 'kvm-status', role: 'status', 'aria-live': 'polite' }, t.kvmPrompt);
    this.progress = h('p', { class: 'kvm-progress', 'data-testid': 'kvm-progress', hidden: true });
    this.body = h('div', { class: 'kvm-body' });
    // Scrolls on its own where the page fits the panel, so the keyboard can reach it.
    this.root = h('section', { class: 'pane kvm-pane', 'data-testid': 'kvm-pane', 'aria-labelledby': 'kvm-h', tabindex: 0, hidden: true },
      h('h2', { id: 'kvm-h' }, icon('server-process'), ' ', t.kvmTitle), this.status, this.progress, this.body);
  }

  get isAvailable(): boolean {
    return this.available;
  }

  setAvailability(available: boolean, reason: KvmText | undefined): void {
    this.available = available;
    this.option.disabled = !available;
    this.option.toggleAttribute('disabled', !available);
    this.notice.hidden = available;
    this.notice.textContent = available ? '' : format(this.t.kvmUnavailable, reason?.[this.lang] ?? '');
  }

  setActive(active: boolean): void {
    this.root.hidden = !active;
  }

  /** The listing whose rows get `.marked-real` for lines with a real exit. */
  attachListing(listing: HTMLElement): void {
    this.listing = listing;
  }

  /** The cycles the simulated run charges per exit to user space in the chosen era. */
  setUserspaceExitCycles(cycles: number): void {
    this.userspaceExitCycles = cycles;
    if (this.run.result) this.render();
  }

  start(program: { name: string; text: string }, maxSteps: number): void {
    if (this.run.status === 'running') this.cancel();
    const runId = this.run.start();
    this.cb.post({ type: 'kvmRun', runId, program: { name: program.name, text: program.text }, maxSteps });
    this.render();
  }

  cancel(): void {
    if (this.run.status !== 'running') return;
    this.cb.post({ type: 'kvmCancel', runId: this.run.runId });
    this.run.cancel();
    this.render();
  }

  reset(): void {
    this.cancel();
    this.run.clear();
    this.render();
  }

  receive(message: KvmHostToWebview): void {
    if (message.type === 'kvmAvailability') {
      this.setAvailability(message.available, message.reason);
      if (message.measured) this.cb.thisMachineMeasured(thisMachineCostModel(message.measured));
      return;
    }
    if (!this.run.receive(message)) return;
    // A batch, while the run goes on: the listing's marks and the count so far; the tables are
    // drawn once, when the result (or the failure) is in.
    if (message.type === 'kvmExits') this.showProgress();
    else this.render();
  }

  private showProgress(): void {
    this.markListing();
    const real = this.run.exits.filter((e) => e.exit).length;
    const matched = this.run.exits.filter((e) => e.match).length;
    this.progress.textContent = format(this.t.kvmSoFar, formatCount(real, this.lang), formatCount(matched, this.lang));
    this.progress.hidden = false;
  }

  private render(): void {
    const t = this.t;
    const run = this.run;
    clear(this.body);
    this.progress.hidden = true;
    this.markListing();
    this.root.dataset.status = run.status;
    const status = {
      idle: t.kvmPrompt,
      running: t.kvmRunning,
      cancelled: t.kvmCancelled,
      failed: format(t.kvmFailed, run.failure?.[this.lang] ?? ''),
      done: run.result ? this.endedText(run.result) : '',
    }[run.status];
    this.status.textContent = status;
    this.status.setAttribute('aria-busy', String(run.status === 'running'));
    const result = run.result;
    if (!result) return;
    this.body.append(this.verdict(result), this.byLine(result), this.exitTable(result), this.costs(result), this.hostDetails(result));
  }

  private endedText(r: KvmPanelResult): string {
    const why = r.exit.message ? `${r.exit.reason} (${r.exit.message})` : `${r.exit.reason}${r.exit.code === undefined ? '' : ` ${r.exit.code}`}`;
    return format(this.t.kvmEnded, formatCount(r.instructions, this.lang), why, r.exit.line);
  }

  private verdict(r: KvmPanelResult): HTMLElement {
    const list = (items: readonly KvmText[]) => h('ul', {}, ...items.map((d) => h('li', {}, d[this.lang])));
    const notes = [
      r.tolerated.length > 0 ? h('div', { class: 'kvm-tolerated' }, h('p', {}, this.t.kvmTolerated), list(r.tolerated)) : undefined,
      r.masked.length > 0 ? h('div', { class: 'kvm-masked kvm-note' }, h('p', {}, this.t.kvmMasked), list(r.masked)) : undefined,
    ];
    if (r.differences.length === 0) {
      return h('div', { class: 'kvm-verdict same', 'data-testid': 'kvm-verdict' }, h('p', {}, icon('pass'), ' ', this.t.kvmSame), ...notes);
    }
    return h('div', { class: 'kvm-verdict differs', 'data-testid': 'kvm-verdict', role: 'alert' },
      h('p', {}, icon('warning'), ' ', format(this.t.kvmDiffers, formatCount(r.differences.length, this.lang))),
      h('ul', { class: 'kvm-differences' }, ...r.differences.map((d) => h('li', {}, d[this.lang]))), ...notes);
  }

  private lineButton(line: number): HTMLElement {
    if (line <= 0) return h('span', {}, '—');
    const button = h('button', { type: 'button', class: 'kvm-line', title: format(this.t.revealLine, line) }, String(line));
    button.addEventListener('click', () => this.cb.revealLine(line));
    return button;
  }

  private matchCell(match: boolean): HTMLElement {
    const label = match ? this.t.kvmMatch : this.t.kvmMismatch;
    return h('td', { class: match ? 'kvm-ok' : 'kvm-bad' }, icon(match ? 'check' : 'close'), ' ', label);
  }

  private byLine(r: KvmPanelResult): HTMLElement {
    const n = (v: number) => formatCount(v, this.lang);
    const sum = (x: Readonly<Record<string, number>>) => Object.values(x).reduce((a, b) => a + b, 0);
    const body = h('tbody');
    for (const row of this.run.byLine()) {
      body.append(h('tr', { class: row.match ? 'match' : 'mismatch', 'data-line': row.line },
        h('th', { scope: 'row' }, this.lineButton(row.line)),
        h('td', { class: 'num', 'data-testid': 'kvm-simulated-count' }, n(row.simulated)),
        h('td', { class: 'num', 'data-testid': 'kvm-real-count' }, n(row.real)),
        this.matchCell(row.match)));
    }
    const caption = format(this.t.kvmExitsSummary, n(sum(r.kvmExits)), n(sum(r.simulatedKvmExits)));
    return h('table', { class: 'kvm-by-line', 'data-testid': 'kvm-by-line' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, this.t.kvmLine), h('th', { scope: 'col' }, this.t.kvmSimulated),
        h('th', { scope: 'col' }, this.t.kvmReal), h('th', { scope: 'col' }, this.t.kvmMatchColumn))),
      body);
  }

  private exitTable(r: KvmPanelResult): HTMLElement {
    const body = h('tbody');
    for (const e of this.run.exits) {
      body.append(h('tr', { class: e.match ? 'match' : 'mismatch', 'data-exit': e.exit || 'none' },
        h('td', { class: 'num' }, String(e.index + 1)),
        h('td', {}, this.lineButton(e.simulated?.line ?? 0)),
        h('td', {}, e.simulated?.exit ?? '—'),
        h('td', {}, this.lineButton(e.line)),
        h('td', {}, e.exit || '—'),
        h('td', { class: 'kvm-detail' }, e.detail),
        this.matchCell(e.match)));
    }
    const shown = this.run.exits.length;
    return h('details', { class: 'kvm-exits', 'data-testid': 'kvm-exits', open: true },
      h('summary', {}, this.t.kvmExitTable),
      shown < r.exitCount ? h('p', {}, format(this.t.kvmShownOf, formatCount(shown, this.lang), formatCount(r.exitCount, this.lang))) : undefined,
      h('div', { class: 'kvm-scroll', tabindex: 0, role: 'region', 'aria-label': this.t.kvmExitTable },
        h('table', {},
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, this.t.kvmIndex),
            h('th', { scope: 'col' }, `${this.t.kvmSimulated}: ${this.t.kvmLine}`),
            h('th', { scope: 'col' }, this.t.kvmSimulated),
            h('th', { scope: 'col' }, `${this.t.kvmReal}: ${this.t.kvmLine}`),
            h('th', { scope: 'col' }, this.t.kvmReal),
            h('th', { scope: 'col' }, this.t.kvmDetail),
            h('th', { scope: 'col' }, this.t.kvmMatchColumn))),
          body)));
  }

  private costs(r: KvmPanelResult): HTMLElement {
    const c = r.exitCosts;
    return h('section', { class: 'kvm-costs', 'data-testid': 'kvm-costs', 'aria-label': this.t.kvmCosts },
      h('h3', {}, icon('watch'), ' ', this.t.kvmCosts),
      c ? h('ul', {},
        h('li', {}, format(this.t.kvmCostIo, formatMicros(c.ioToUserSpace, this.lang))),
        h('li', {}, format(this.t.kvmCostCpuid, formatMicros(c.cpuidInKernel, this.lang)))) : undefined,
      h('p', { class: 'kvm-note' }, format(this.t.kvmCostsNote, formatCount(this.userspaceExitCycles, this.lang))));
  }

  private hostDetails(r: KvmPanelResult): HTMLElement {
    const host = h('dl', { class: 'kvm-host' });
    for (const [k, v] of Object.entries(r.host)) host.append(h('dt', {}, k), h('dd', {}, String(v)));
    const stats = h('tbody');
    for (const [k, v] of nonZeroStats(r.kvmStats)) stats.append(h('tr', {}, h('th', { scope: 'row' }, k), h('td', { class: 'num' }, formatCount(v, this.lang))));
    return h('details', { class: 'kvm-stats', 'data-testid': 'kvm-stats' },
      h('summary', {}, `${this.t.kvmHost} · ${this.t.kvmStats}`),
      host,
      h('p', { class: 'kvm-note' }, this.t.kvmStatsNote),
      h('table', {}, h('caption', { class: 'visually-hidden' }, this.t.kvmStats), stats));
  }

  /** `.marked-real` and a labelled mark on each listing line where the real run exited to user space. */
  private markListing(): void {
    const listing = this.listing;
    if (!listing) return;
    for (const row of Array.from(listing.querySelectorAll('.marked-real'))) {
      row.classList.remove('marked-real');
      row.querySelector('.real-mark')?.remove();
    }
    for (const [line, count] of this.run.realLineCounts()) {
      const row = listing.querySelector(`[data-line="${line}"]`);
      if (!row) continue;
      row.classList.add('marked-real');
      const shown = formatCount(count, this.lang);
      const label = `${this.t.markReal} ×${shown}`;
      row.querySelector('.marks')?.after(h('span', { class: 'real-mark', title: label, role: 'img', 'aria-label': label }, icon('server-process'), h('span', { 'aria-hidden': 'true' }, shown)));
    }
  }
}
