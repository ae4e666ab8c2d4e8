// The "VT-x controls" group under the toolbar, shown in vtx mode only: a disclosure (native
// <details>, so Enter and Space open it) holding one labelled checkbox per VM-execution control,
// with its SDM name, its description as visible text, the era's default, and whether KVM forces
// it. The rows are built once and updated in place, so the keyboard focus survives a change.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import './controls.css';
import type { Era, Mode } from '../core/sim/api';
import type { UiLanguage, UiStrings } from '../shared/protocol';
import { controlRows, setControl, type ControlId, type ControlOverrides } from './controlsModel';
import { h } from './dom';
import { format } from './model';

type Checkbox = HTMLElement & { checked: boolean; disabled: boolean };

interface RowElements {
  readonly item: HTMLElement;
  readonly box: Checkbox;
  readonly byDefault: HTMLElement;
  readonly forced: HTMLElement;
}

export class ControlsView {
  readonly root: HTMLDetailsElement;
  private readonly summaryState: HTMLElement;
  private readonly resetButton: HTMLElement & { disabled: boolean };
  private readonly rows = new Map<ControlId, RowElements>();
  private era: Era = 'current';
  private overrides: ControlOverrides | undefined;

  constructor(
    private readonly t: UiStrings,
    lang: UiLanguage,
    initial: { readonly mode: Mode; readonly era: Era; readonly controls?: ControlOverrides },
    private readonly onChange: (overrides: ControlOverrides | undefined) => void,
  ) {
    this.summaryState = h('span', { class: 'vmx-summary-state', id: 'vmx-controls-state' });
    this.resetButton = h('vscode-button', { id: 'vmx-reset', icon: 'discard', secondary: true }, t.vmxResetDefaults) as never;
    const list = h('ul', { class: 'vmx-list', id: 'vmx-list', 'aria-label': t.vmxControls });
    for (const row of controlRows(undefined, this.era, lang)) {
      const box = h('vscode-checkbox', { id: `vmx-${row.id}`, 'data-control': row.id }, row.sdmName) as Checkbox;
      const byDefault = h('span', { class: 'vmx-default' });
      const forced = h('p', { class: 'vmx-forced' }, t.vmxForced);
      const item = h('li', { class: 'vmx-control', 'data-control': row.id },
        h('div', { class: 'vmx-head' }, box, byDefault, h('span', { class: 'vmx-changed' }, t.vmxChanged)),
        h('p', { class: 'vmx-description', id: `vmx-${row.id}-description` }, row.description),
        forced);
      box.addEventListener('change', () => this.choose(row.id, box.checked));
      this.rows.set(row.id, { item, box, byDefault, forced });
      list.append(item);
    }
    this.resetButton.addEventListener('click', () => {
      if (this.overrides) this.onChange(undefined);
    });
    this.root = h('details', { class: 'vmx-controls', id: 'vmx-controls' },
      h('summary', {}, h('span', { class: 'vmx-title' }, t.vmxControls), ' ', this.summaryState),
      h('p', { class: 'vmx-help' }, t.vmxControlsHelp),
      list,
      h('div', { class: 'vmx-actions' }, this.resetButton));
    this.show(initial.mode, initial.era, initial.controls);
  }

  /** Shows the controls a run in `mode` under `era` gets with `overrides`; hidden outside vtx. */
  show(mode: Mode, era: Era, overrides: ControlOverrides | undefined): void {
    this.era = era;
    this.overrides = overrides;
    this.root.hidden = mode !== 'vtx';
    let changed = 0;
    for (const row of controlRows(overrides, era, 'en')) {
      const el = this.rows.get(row.id)!;
      el.box.checked = row.checked;
      el.box.disabled = row.forced;
      el.byDefault.textContent = row.eraDefault ? this.t.vmxDefaultOn : this.t.vmxDefaultOff;
      el.item.dataset.default = String(row.eraDefault);
      el.item.dataset.checked = String(row.checked);
      el.item.classList.toggle('changed', row.changed);
      el.item.classList.toggle('forced', row.forced);
      el.forced.hidden = !row.forced;
      if (row.changed) changed++;
    }
    this.root.dataset.changed = String(changed);
    this.summaryState.textContent = changed > 0 ? `(${format(this.t.vmxControlsChanged, changed)})` : `(${this.t.vmxControlsDefaults})`;
    this.resetButton.disabled = changed === 0;
  }

  private choose(id: ControlId, value: boolean): void {
    this.onChange(setControl(this.overrides, this.era, id, value));
  }
}
