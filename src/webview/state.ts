// What survives hiding the panel and reloading the window (vscode.setState + the
// host's WebviewPanelSerializer). The position is a count of executed instructions:
// the machine is deterministic, so replaying that many restores it exactly.
import { ERAS, MODES, type Era, type Mode } from '../core/sim/api';
import { isProgramSource, type ProgramSource } from '../shared/protocol';
import { restoreControls, type ControlOverrides } from './controlsModel';

export const SPEEDS = [2, 10, 50, 500, Infinity] as const;
export const DEFAULT_SPEED_INDEX = 2;

export type Tab = 'log' | 'compare' | 'serial' | 'memory';
export const TABS: readonly Tab[] = ['log', 'compare', 'serial', 'memory'];

export interface PersistedState {
  readonly version: 1;
  readonly program?: ProgramSource;
  readonly mode: Mode;
  readonly era: Era;
  /** Index into SPEEDS. */
  readonly speed: number;
  /** Guest instructions executed so far. */
  readonly position: number;
  readonly tab: Tab;
  /** VT-x controls the learner switched away from the era's defaults (`vtx` only; absent: none). */
  readonly controls?: ControlOverrides;
}

export const INITIAL_STATE: PersistedState = {
  version: 1,
  mode: 'trap',
  era: 'current',
  speed: DEFAULT_SPEED_INDEX,
  position: 0,
  tab: 'log',
};

/** Anything `getState()` returns, made safe: unknown or broken fields take their defaults. */
export function restoreState(raw: unknown): PersistedState {
  if (typeof raw !== 'object' || raw === null) return INITIAL_STATE;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1) return INITIAL_STATE;
  const pick = <T>(ok: boolean, value: unknown, fallback: T): T => (ok ? (value as T) : fallback);
  const speedOk = typeof r.speed === 'number' && Number.isInteger(r.speed) && r.speed >= 0 && r.speed < SPEEDS.length;
  const positionOk = typeof r.position === 'number' && Number.isInteger(r.position) && r.position >= 0;
  const controls = restoreControls(r.controls);
  return {
    version: 1,
    ...(isProgramSource(r.program) ? { program: r.program } : {}),
    mode: pick((MODES as readonly unknown[]).includes(r.mode), r.mode, INITIAL_STATE.mode),
    era: pick((ERAS as readonly unknown[]).includes(r.era), r.era, INITIAL_STATE.era),
    speed: pick(speedOk, r.speed, INITIAL_STATE.speed),
    position: pick(positionOk, r.position, 0),
    tab: pick((TABS as readonly unknown[]).includes(r.tab), r.tab, INITIAL_STATE.tab),
    ...(controls ? { controls } : {}),
  };
}
