// The DOM-free half of the "VT-x controls" group: which controls the learner switched away from
// the era's defaults, what a run then gets (KVM forces some on without EPT), and what each
// checkbox shows. The overrides are what the panel saves; the era's defaults are not saved,
// so a control left alone follows the era.
import type { Era, VmxControls } from '../core/sim/api';
import { VMX_CONTROL_DEFAULTS, VMX_CONTROLS, vmxControls } from '../core/sim/vmx';
import type { UiLanguage } from '../shared/protocol';

export type ControlId = keyof VmxControls;
export type ControlOverrides = Readonly<Partial<VmxControls>>;

const IDS: ReadonlySet<string> = new Set(VMX_CONTROLS.map((c) => c.id));

/** Saved overrides made safe: only known controls with boolean values; undefined when none remain. */
export function restoreControls(raw: unknown): ControlOverrides | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const out: Partial<VmxControls> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (IDS.has(key) && typeof value === 'boolean') out[key as ControlId] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function eraDefault(era: Era, id: ControlId): boolean {
  return (VMX_CONTROL_DEFAULTS[era] ?? VMX_CONTROL_DEFAULTS.current)[id];
}

/**
 * The overrides after the learner set `id` to `value` under `era`: a value equal to the era's
 * default is no override (so "changed" means changed). Undefined when nothing differs.
 */
export function setControl(overrides: ControlOverrides | undefined, era: Era, id: ControlId, value: boolean): ControlOverrides | undefined {
  const next: Partial<VmxControls> = { ...overrides };
  if (value === eraDefault(era, id)) delete next[id];
  else next[id] = value;
  return restoreControls(next);
}

export interface ControlRow {
  readonly id: ControlId;
  readonly sdmName: string;
  readonly description: string;
  /** What the run gets. */
  readonly checked: boolean;
  /** The era's default. */
  readonly eraDefault: boolean;
  /** KVM sets it whatever was asked (shadow paging without EPT); the checkbox is disabled. */
  readonly forced: boolean;
  /** The learner chose a value other than the era's default. */
  readonly changed: boolean;
}

/** One row per documented control, in the documentation's order. */
export function controlRows(overrides: ControlOverrides | undefined, era: Era, lang: UiLanguage): ControlRow[] {
  const effective = vmxControls(overrides, era);
  return VMX_CONTROLS.map((info) => {
    const byDefault = eraDefault(era, info.id);
    const chosen = overrides?.[info.id] ?? byDefault;
    // Locked when asking for the opposite would not change what the run gets.
    const flipped = vmxControls({ ...overrides, [info.id]: !effective[info.id] }, era)[info.id];
    return {
      id: info.id,
      sdmName: info.sdmName,
      description: info.description[lang],
      checked: effective[info.id],
      eraDefault: byDefault,
      forced: flipped === effective[info.id],
      changed: chosen !== byDefault,
    };
  });
}

/** How many controls differ from the era's defaults by the learner's choice. */
export function changedCount(overrides: ControlOverrides | undefined, era: Era): number {
  return controlRows(overrides, era, 'en').filter((r) => r.changed).length;
}
