// The panel's controller: owns the assembled program, the running simulation,
// the runner and the persisted state, and tells the views what to show.
import { assemble, COST_MODELS, DEFAULT_MAX_STEPS, ERAS, MODES, Simulation, type CostModel, type Era, type Mode, type Program, type SimEvent, type SimulationApi } from '../core/sim';
import type { ControlAction, ExampleProgram, HostToWebview, PanelBoot, PanelSnapshot, PanelStatus, ProgramSource, WebviewToHost } from '../shared/protocol';
import { ModeComparison } from './compare';
import { CompareView } from './compareView';
import { ControlsView } from './controlsView';
import { h, icon } from './dom';
import { KVM_MODE, KvmView, THIS_MACHINE_ERA } from './kvmView';
import { MemoryView } from './memoryView';
import { EventLog, format, formatCount, guestBox, isLogWorthy, LastInstructionEvents, LineMarkTable, pathOfEvents } from './model';
import { Runner, type Scheduler } from './runner';
import { restoreState, SPEEDS, TABS, type PersistedState, type Tab } from './state';
import { TabStrip } from './tabs';
import { DiagramView, EventLogView, ListingView, RegistersView, SerialView } from './view';

export interface HostChannel {
  post(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

const CURRENT = '__current__';
/** At most this often the whole panel is redrawn during a fast run. */
const RENDER_INTERVAL_MS = 100;
/** Event log entries shown while running at full speed (all retained ones when stopped). */
const FAST_LOG_ENTRIES = 40;
/** The snapshot sent to the host carries at most this much serial output (its tail). */
const SNAPSHOT_SERIAL_CHARS = 100_000;

export class SimulatorApp {
  private state: PersistedState;
  private examples: readonly ExampleProgram[] = [];
  private program: Program | undefined;
  private sim: SimulationApi | undefined;
  private position = 0;
  private readonly runner: Runner;
  private comparison: ModeComparison | undefined;
  private readonly log = new EventLog(300);
  private readonly marks = new LineMarkTable();
  private dirtyLines = new Set<number>();
  private readonly lastGroup = new LastInstructionEvents();
  private lastRender = 0;
  private lastSave = 0;

  private readonly listing: ListingView;
  private readonly diagram: DiagramView;
  private readonly registers: RegistersView;
  private readonly eventLog: EventLogView;
  private readonly serial: SerialView;
  private readonly compare: CompareView;
  /** "Real KVM (this machine)": a real run beside the simulated `vtx` one (kvmView.ts). */
  private readonly kvm: KvmView;
  private kvmActive = false;
  /** The era `this-machine` (costs measured on this host's KVM), once the host sent them, and whether it is chosen. */
  private thisMachineCosts: CostModel | undefined;
  private thisMachineEra = false;
  private readonly memory: MemoryView;
  private readonly vmxControls: ControlsView;
  private readonly status: HTMLElement;
  private readonly programSelect: HTMLElement & { value: string };
  private readonly modeSelect: HTMLElement & { value: string };
  private readonly eraSelect: HTMLElement & { value: string };
  private readonly speedInput: HTMLInputElement;
  private readonly speedValue: HTMLElement;
  private readonly buttons: Record<ControlAction, HTMLButtonElement>;
  private readonly tabs: TabStrip;
  /** Says the run's first divergence aloud (assertive live region) and shows it. */
  private readonly divergenceNote: HTMLElement;
  private divergence: SimEvent | undefined;
  private divergenceShown = false;

  constructor(
    root: HTMLElement,
    private readonly boot: PanelBoot,
    private readonly host: HostChannel,
    private readonly scheduler: Scheduler,
  ) {
    const t = boot.strings;
    this.state = restoreState(host.getState());
    this.runner = new Runner(scheduler);
    const callbacks = {
      revealLine: (line: number) => this.revealLine(line),
      explainTerm: (term: string) => host.post({ type: 'explainTerm', term }),
    };
    this.listing = new ListingView(t, callbacks);
    this.diagram = new DiagramView(t);
    this.registers = new RegistersView(t, boot.lang);
    this.eventLog = new EventLogView(t, boot.lang, callbacks, boot.termNames);
    this.serial = new SerialView(t);
    this.compare = new CompareView(t, boot.lang, (m) => this.modeName(m));
    this.kvm = new KvmView(t, boot.lang, {
      post: (m) => host.post(m),
      revealLine: (line) => this.revealLine(line),
      thisMachineMeasured: (model) => {
        if (!this.thisMachineCosts) this.eraSelect.append(h('vscode-option', { value: THIS_MACHINE_ERA }, model.label[boot.lang]));
        this.thisMachineCosts = model;
        showValue(this.eraSelect, this.thisMachineEra ? THIS_MACHINE_ERA : this.state.era);
      },
    });
    this.kvm.attachListing(this.listing.root);
    this.memory = new MemoryView(t, boot.lang);
    // A changed control is a different machine: start again, like a new mode or era.
    this.vmxControls = new ControlsView(t, boot.lang, this.state, (controls) => {
      this.update({ controls, position: 0 });
      this.reset();
      this.comparison?.cancel();
      this.compare.reset();
      if (this.state.tab === 'compare') this.runComparison(false);
    });

    // `label` names the inner combobox (a <label for> cannot reach into the shadow root).
    this.programSelect = h('vscode-single-select', { id: 'program', label: t.program }) as never;
    this.modeSelect = h('vscode-single-select', { id: 'mode', label: t.mode }) as never;
    for (const m of MODES) this.modeSelect.append(h('vscode-option', { value: m, selected: m === this.state.mode }, this.modeName(m)));
    this.modeSelect.append(this.kvm.option);
    this.eraSelect = h('vscode-single-select', { id: 'era', label: t.era }) as never;
    for (const e of ERAS) this.eraSelect.append(h('vscode-option', { value: e, selected: e === this.state.era }, COST_MODELS[e].label[boot.lang]));
    this.speedInput = h('input', { id: 'speed', type: 'range', min: 0, max: SPEEDS.length - 1, step: 1, value: this.state.speed });
    this.speedValue = h('span', { class: 'speed-value', id: 'speed-value', 'aria-hidden': 'true' });
    // Native buttons: disabling one is synchronous, so focus can be handed on before it is lost.
    const button = (action: ControlAction, codicon: string, label: string, keys: string) =>
      h('button', { type: 'button', id: `btn-${action}`, class: action === 'run' ? 'button primary' : 'button', title: `${label} (${keys})`, 'aria-keyshortcuts': keys }, icon(codicon), h('span', {}, label));
    this.buttons = {
      step: button('step', 'debug-step-over', t.step, 'F10'),
      run: button('run', 'debug-start', t.run, 'F5'),
      pause: button('pause', 'debug-pause', t.pause, 'Shift+F5'),
      reset: button('reset', 'debug-restart', t.reset, 'Control+Shift+F5'),
    };
    this.status = h('p', { id: 'status', 'data-testid': 'status', class: 'status', role: 'status', 'aria-live': 'polite' });
    this.divergenceNote = h('p', { id: 'divergence-note', class: 'divergence-note', 'aria-live': 'assertive', 'aria-atomic': 'true' });

    const field = (id: string, label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
    const toolbar = h('div', { class: 'toolbar', role: 'group', 'aria-label': t.controls },
      field('program', t.program, this.programSelect),
      field('mode', t.mode, this.modeSelect),
      field('era', t.era, this.eraSelect),
      h('div', { class: 'field speed' }, h('label', { for: 'speed' }, t.speed), h('div', { class: 'speed-row' }, this.speedInput, this.speedValue)),
      h('div', { class: 'buttons' }, this.buttons.step, this.buttons.run, this.buttons.pause, this.buttons.reset));
    const tabLabel: Record<Tab, [string, string]> = { log: [t.log, 'list-flat'], compare: [t.compare, 'graph'], serial: [t.serial, 'terminal'], memory: [t.memory, 'server'] };
    const tabPanels: Record<Tab, HTMLElement> = { log: this.eventLog.root, compare: this.compare.root, serial: this.serial.root, memory: this.memory.root };
    this.tabs = new TabStrip(t.views, TABS.map((tab) => ({ id: tab, label: tabLabel[tab][0], codicon: tabLabel[tab][1], panel: tabPanels[tab] })), (index) => {
      const tab = TABS[index] ?? 'log';
      this.update({ tab });
      if (tab === 'compare') this.runComparison(false);
      this.memory.update(this.sim instanceof Simulation ? this.sim : undefined, tab === 'memory');
    });
    this.tabs.select(TABS.indexOf(this.state.tab));
    root.append(
      h('h1', { class: 'visually-hidden' }, t.title),
      toolbar,
      this.vmxControls.root,
      h('div', { class: 'messages' }, this.status, this.divergenceNote, this.kvm.notice),
      h('div', { class: 'panes' }, this.listing.root,
        // Scrolls on its own in a short panel, so it is a named region the keyboard can reach.
        // The keyboard help ends the side pane: always there to read, never taking the listing's height.
        h('section', { class: 'side', tabindex: 0, 'aria-label': t.machineState }, this.diagram.root, this.registers.root,
          h('div', { class: 'keyboard-help' }, h('p', {}, t.keyboardHelp), h('p', {}, t.keyboardHelpLists)))),
      this.kvm.root,
      this.tabs.root);
    this.wire();
    this.renderSpeed();
    this.renderExamples();
  }

  private wire(): void {
    this.programSelect.addEventListener('change', () => this.chooseProgram(this.programSelect.value));
    this.modeSelect.addEventListener('change', () => {
      showValue(this.modeSelect, this.modeSelect.value);
      // Real KVM runs beside the simulated `vtx` mode.
      const kvm = this.modeSelect.value === KVM_MODE;
      const mode = kvm ? 'vtx' : (this.modeSelect.value as Mode);
      if (this.state.mode === mode && this.kvmActive === kvm) return;
      this.setKvmActive(kvm);
      this.update({ mode, position: 0 });
      this.reset();
    });
    this.eraSelect.addEventListener('change', () => {
      showValue(this.eraSelect, this.eraSelect.value);
      // `this-machine` is `current` with the exit costs measured here (not persisted: measured anew).
      const thisMachine = this.eraSelect.value === THIS_MACHINE_ERA && this.thisMachineCosts !== undefined;
      const era = thisMachine ? 'current' : (this.eraSelect.value as Era);
      if (this.state.era === era && this.thisMachineEra === thisMachine) return;
      this.thisMachineEra = thisMachine;
      this.update({ era, position: 0 });
      this.reset();
      // The chart's cycles belong to the era they were counted in.
      this.comparison?.cancel();
      this.compare.reset();
      if (this.state.tab === 'compare') this.runComparison(false);
    });
    this.speedInput.addEventListener('input', () => {
      this.update({ speed: Number(this.speedInput.value) });
      this.renderSpeed();
      if (this.runner.running) this.run();
    });
    for (const action of Object.keys(this.buttons) as ControlAction[]) {
      this.buttons[action].addEventListener('click', () => this.control(action));
    }
    this.compare.button.addEventListener('click', () => this.runComparison(true));
  }

  /** Starts the page: restore what was there before hiding or reloading, then greet the host. */
  start(): void {
    if (this.state.program) this.load(this.state.program, this.state.position);
    else this.renderAll();
    this.host.post({ type: 'ready' });
  }

  receive(message: HostToWebview): void {
    switch (message.type) {
      case 'examples':
        this.examples = message.examples;
        this.renderExamples();
        if (!this.state.program && this.examples[0]) this.chooseProgram(this.examples[0].id);
        return;
      case 'loadProgram':
        if (message.mode) {
          this.setKvmActive(false);
          this.update({ mode: message.mode });
          showValue(this.modeSelect, message.mode);
        }
        this.load(message.program, 0);
        this.renderExamples();
        if (message.run) this.run();
        return;
      case 'noActiveProgram':
        this.setStatus(this.boot.strings.noActiveProgram);
        this.renderExamples();
        return;
      case 'control':
        this.control(message.action);
        return;
      case 'kvmAvailability':
        this.kvm.receive(message);
        // Enabling the option makes the select re-read its options: keep what it shows.
        showValue(this.modeSelect, this.kvmActive ? KVM_MODE : this.state.mode);
        return;
      case 'kvmExits':
      case 'kvmResult':
      case 'kvmFailed':
        this.kvm.receive(message);
        return;
    }
  }

  private setKvmActive(active: boolean): void {
    this.kvmActive = active && this.kvm.isAvailable;
    this.kvm.setActive(this.kvmActive);
    if (!this.kvmActive) this.kvm.reset();
  }

  control(action: ControlAction): void {
    switch (action) {
      case 'step':
        return this.step();
      case 'run':
        return this.run();
      case 'pause':
        return this.pause();
      case 'reset':
        return this.reset();
    }
  }

  private chooseProgram(value: string): void {
    if (value === CURRENT) {
      this.host.post({ type: 'requestActiveProgram' });
      return;
    }
    const example = this.examples.find((e) => e.id === value);
    if (!example) return;
    const mode = example.modes[0];
    // In the real KVM mode a new example runs there too.
    if (mode && !this.kvmActive) {
      this.update({ mode });
      showValue(this.modeSelect, mode);
    }
    if (example.era) {
      this.thisMachineEra = false;
      this.update({ era: example.era });
      showValue(this.eraSelect, example.era);
    }
    this.load(example.program, 0);
  }

  /** Assembles `source`, resets the machine, and replays `position` instructions. */
  private load(source: ProgramSource, position: number): void {
    this.pause();
    this.update({ program: source, position: 0 });
    const result = assemble(source.text, { fileName: source.name });
    const errors = new Map<number, string>();
    for (const d of result.diagnostics) {
      if (d.severity === 'error' && !errors.has(d.line)) errors.set(d.line, `${d.column}: ${d.message}`);
    }
    this.program = result.program;
    this.listing.setSource(source.text, errors);
    this.renderExamples();
    // A comparison of the previous program must not finish into this one's chart.
    this.comparison?.cancel();
    this.compare.reset();
    this.reset();
    if (!this.program) {
      this.setStatus(format(this.boot.strings.statusErrors, errors.size));
      return;
    }
    if (position > 0 && this.sim) this.replay(position);
    if (this.state.tab === 'compare') this.runComparison(false);
  }

  private newSimulation(): SimulationApi | undefined {
    if (!this.program) return undefined;
    const sim = new Simulation(this.program, { mode: this.state.mode, era: this.state.era, controls: this.state.controls, costModel: this.measuredCosts() });
    sim.onEvent((e) => this.record(e));
    return sim;
  }

  private record(e: SimEvent): void {
    if (!isLogWorthy(e)) return;
    this.log.add(e);
    this.marks.add(e);
    if (e.line > 0) this.dirtyLines.add(e.line);
    if (e.kind === 'divergence' && !this.divergence) this.divergence = e;
    // The latest instruction's events, for the diagram at full speed.
    this.lastGroup.add(e, this.state.mode);
  }

  private reset(): void {
    this.pause();
    this.sim = this.newSimulation();
    this.position = 0;
    this.log.clear();
    this.marks.clear();
    this.lastGroup.clear();
    this.divergence = undefined;
    this.divergenceShown = false;
    this.divergenceNote.textContent = '';
    this.listing.clearMarks();
    this.kvm.reset();
    this.kvm.setUserspaceExitCycles((this.measuredCosts() ?? COST_MODELS[this.state.era]).userspaceExit);
    this.diagram.setMode(this.state.mode);
    this.vmxControls.show(this.state.mode, this.state.era, this.state.controls);
    this.update({ position: 0 });
    this.renderAll();
  }

  private step(): void {
    const sim = this.sim;
    if (!sim || sim.isFinished) return;
    this.pause();
    const before = sim.state();
    this.lastGroup.clear();
    const events = sim.step();
    this.position++;
    this.diagram.show(pathOfEvents(events, guestBox(before.registers.cpl), this.state.mode));
    this.renderAll(true, true);
  }

  private run(): void {
    const sim = this.sim;
    if (!sim || sim.isFinished) return;
    if (this.kvmActive && this.state.program && this.kvm.run.status === 'idle') this.kvm.start(this.state.program, DEFAULT_MAX_STEPS);
    const speed = SPEEDS[this.state.speed] ?? Infinity;
    let cpl = sim.state().registers.cpl;
    this.runner.start(sim, speed, {
      onStep: (events) => {
        this.position++;
        this.diagram.show(pathOfEvents(events, guestBox(cpl), this.state.mode));
        cpl = sim.state().registers.cpl;
      },
      onSlice: (executed) => {
        if (!Number.isFinite(speed)) this.position += executed;
        this.renderAll(Number.isFinite(speed) || this.scheduler.now() - this.lastRender >= RENDER_INTERVAL_MS, Number.isFinite(speed));
      },
      // Show where the run stopped.
      onStop: () => this.renderAll(true, true),
    });
    this.renderButtons();
  }

  private pause(): void {
    if (!this.runner.running) return;
    this.runner.pause();
    this.renderAll(true, true);
  }

  /** Re-runs to a saved position (deterministic), so a hidden or reloaded panel comes back where it was. */
  private replay(position: number): void {
    const sim = this.sim!;
    this.setStatus(format(this.boot.strings.statusRestoring, formatCount(position, this.boot.lang)));
    this.runner.start(sim, Infinity, {
      onSlice: (executed) => {
        this.position += executed;
      },
      onStop: () => this.renderAll(true, true),
    }, position);
    this.renderButtons();
  }

  /** The cost model measured on this machine, when that era is chosen. */
  private measuredCosts(): CostModel | undefined {
    return this.thisMachineEra ? this.thisMachineCosts : undefined;
  }

  private runComparison(force: boolean): void {
    if (!this.program || (!force && this.compare.root.querySelector('.measure'))) return;
    const program = this.program;
    const { era, controls } = this.state;
    const costModel = this.measuredCosts();
    this.comparison?.cancel();
    const comparison = new ModeComparison(this.scheduler);
    this.comparison = comparison;
    comparison.start(
      (mode) => new Simulation(program, { mode, era, controls, costModel, maxSteps: 2_000_000 }),
      (rows) => this.compare.show(rows),
      (mode) => this.compare.running(mode),
    );
  }

  private revealLine(line: number): void {
    const program = this.state.program;
    if (!program?.uri) return;
    this.host.post({ type: 'revealLine', uri: program.uri, line: program.firstLine + line - 1 });
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private renderAll(full = true, scroll = true): void {
    const now = this.scheduler.now();
    this.renderButtons();
    this.renderStatus();
    const state = this.sim?.state();
    // A stopped machine points at the instruction that stopped it, not past it.
    this.listing.setCurrent((state?.finished ? state.exit?.line : state?.line) ?? 0, scroll);
    if (!full) return;
    this.lastRender = now;
    this.listing.updateMarks(this.dirtyLines, this.marks);
    this.dirtyLines = new Set();
    this.registers.update(state);
    this.renderDivergence();
    // During a fast run the newest entries change every frame; a short list keeps frames short.
    const fast = this.runner.running && !Number.isFinite(SPEEDS[this.state.speed] ?? Infinity);
    this.eventLog.update(this.log.recent(), this.log.total, fast ? FAST_LOG_ENTRIES : this.log.capacity);
    this.serial.update(state?.serial ?? '');
    this.memory.update(this.sim instanceof Simulation ? this.sim : undefined, this.state.tab === 'memory');
    if (!Number.isFinite(SPEEDS[this.state.speed] ?? Infinity) && this.lastGroup.get().length > 0) {
      this.diagram.show(pathOfEvents(this.lastGroup.get(), guestBox(state?.registers.cpl ?? 0), this.state.mode));
    }
    // Saving on every frame of a fast run would be wasted work; twice a second is plenty.
    if (!this.runner.running || now - this.lastSave > 500) {
      this.lastSave = now;
      this.update({ position: this.position });
      this.host.post({ type: 'state', snapshot: this.snapshot() });
    }
  }

  private panelStatus(): PanelStatus {
    if (!this.state.program) return 'empty';
    if (!this.program || !this.sim) return 'errors';
    if (this.runner.running) return 'running';
    if (this.sim.isFinished) return 'finished';
    return this.position === 0 ? 'ready' : 'paused';
  }

  /** What the host's test API reports; also mirrored on the status line's `data-status`. */
  private snapshot(): PanelSnapshot {
    const state = this.sim?.state();
    const serial = state?.serial ?? '';
    return {
      program: this.state.program?.name,
      exampleId: this.state.program?.exampleId,
      mode: this.state.mode,
      era: this.state.era,
      position: this.position,
      status: this.panelStatus(),
      exit: state?.finished ? state.exit?.reason : undefined,
      divergenceLines: this.marks.linesWith('divergence'),
      serial: serial.length > SNAPSHOT_SERIAL_CHARS ? serial.slice(-SNAPSHOT_SERIAL_CHARS) : serial,
    };
  }

  private renderStatus(): void {
    const t = this.boot.strings;
    const n = (v: number) => formatCount(v, this.boot.lang);
    if (!this.state.program) return this.setStatus(t.noProgram);
    if (!this.program || !this.sim) return;
    const s = this.sim.state();
    if (this.runner.running) return this.setStatus(format(t.statusRunning, n(s.stats.instructions)));
    if (s.finished && s.exit) {
      const why = { hlt: t.exitHlt, shutdown: t.exitShutdown, 'debug-exit': format(t.exitDebug, s.exit.code ?? 0), 'step-limit': t.exitStepLimit }[s.exit.reason];
      return this.setStatus(format(t.statusFinished, n(s.stats.instructions), why, s.exit.line));
    }
    if (this.position === 0) return this.setStatus(format(t.statusReady, n(this.program.instructions.length)));
    this.setStatus(format(t.statusPaused, n(s.stats.instructions), s.line));
  }

  private setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.dataset.status = this.panelStatus();
    // A screen reader hears where the run stopped, not ten counts a second while it runs.
    this.status.setAttribute('aria-busy', String(this.runner.running));
  }

  /** The run's first divergence, the point of the POPF lesson: shown, and said once. */
  private renderDivergence(): void {
    const e = this.divergence;
    if (!e || this.divergenceShown) return;
    this.divergenceShown = true;
    this.divergenceNote.textContent = format(this.boot.strings.divergenceAt, e.line, e.text[this.boot.lang]);
  }

  private renderButtons(): void {
    const runnable = !!this.sim && !this.sim.isFinished;
    const next: Record<ControlAction, boolean> = {
      step: !runnable,
      run: !runnable || this.runner.running,
      pause: !this.runner.running,
      reset: !this.sim,
    };
    const focused = (Object.keys(this.buttons) as ControlAction[]).find((a) => this.buttons[a] === document.activeElement);
    // Enable first, then hand the focus on, then disable: a focused button that becomes disabled
    // drops the focus to the page body, where the next Space does nothing.
    for (const action of Object.keys(next) as ControlAction[]) if (!next[action]) this.buttons[action].disabled = false;
    if (focused && next[focused]) {
      const order: Record<ControlAction, ControlAction[]> = {
        run: ['pause', 'step', 'reset'],
        pause: ['run', 'step', 'reset'],
        step: ['run', 'reset'],
        reset: ['run', 'step'],
      };
      const heir = order[focused].find((a) => !next[a]);
      if (heir) this.buttons[heir].focus();
      else this.listing.focus();
    }
    for (const action of Object.keys(next) as ControlAction[]) if (next[action]) this.buttons[action].disabled = true;
  }

  private renderSpeed(): void {
    const speed = SPEEDS[this.state.speed] ?? Infinity;
    const text = Number.isFinite(speed) ? format(this.boot.strings.speedValue, formatCount(speed, this.boot.lang)) : this.boot.strings.speedMax;
    this.speedValue.textContent = text;
    // The visible value is hidden from readers: the slider itself says it (aria-valuetext).
    this.speedInput.setAttribute('aria-valuetext', text);
  }

  private renderExamples(): void {
    const select = this.programSelect;
    while (select.firstChild) select.removeChild(select.firstChild);
    const program = this.state.program;
    const currentLabel = program && !program.exampleId ? `${this.boot.strings.currentProgram}: ${program.name}` : this.boot.strings.currentProgram;
    select.append(h('vscode-option', { value: CURRENT, selected: !!program && !program.exampleId }, currentLabel));
    for (const e of this.examples) {
      select.append(h('vscode-option', { value: e.id, selected: program?.exampleId === e.id, description: e.description }, e.title));
    }
    select.value = program?.exampleId ?? (program ? CURRENT : '');
  }

  private modeName(mode: Mode): string {
    const t = this.boot.strings;
    return { native: t.modeNative, emulate: t.modeEmulate, trap: t.modeTrap, bt: t.modeBt, paravirt: t.modeParavirt, vtx: t.modeVtx }[mode];
  }

  private update(patch: Partial<PersistedState>): void {
    this.state = { ...this.state, ...patch };
    this.host.setState(this.state);
  }
}

/**
 * Shows `value` in a vscode-single-select and marks its option `selected`: the component goes back
 * to the option marked `selected` whenever its options change (one enabled or added later, as the
 * real-KVM mode and the era `this-machine` are), so a stale mark would switch the select silently.
 */
function showValue(select: HTMLElement & { value: string }, value: string): void {
  for (const option of Array.from(select.querySelectorAll('vscode-option'))) option.toggleAttribute('selected', option.getAttribute('value') === value);
  select.value = value;
}
