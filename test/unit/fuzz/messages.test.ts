// Random and malformed webview messages, both directions, through the protocol's validators:
// they never throw, accept every well-formed message, reject each kind of malformation, and do
// work bounded by the protocol's caps (counted in property reads through a Proxy, not in time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzParams } from './config';
import {
  CONTROL_ACTIONS, MAX_PROGRAM_CHARS, PANEL_STATUSES, describeMessage, isHostToWebview, isPanelSnapshot, isProgramSource,
  isWebviewToHost, logText, parseBoot,
} from '../../../src/shared/protocol';
import { ERAS, MODES } from '../../../src/core/sim/api';

const params = fuzzParams(300);

/** Wraps `value` so that every property read, key listing and `in` test is counted, at any depth. */
function counted<T>(value: T): { value: T; reads: () => number } {
  let reads = 0;
  const proxies = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    let p = proxies.get(v);
    if (!p) {
      p = new Proxy(v, {
        get: (t, k, r) => (reads++, wrap(Reflect.get(t, k, r))),
        has: (t, k) => (reads++, Reflect.has(t, k)),
        ownKeys: (t) => (reads++, Reflect.ownKeys(t)),
      });
      proxies.set(v, p);
    }
    return p;
  };
  return { value: wrap(value) as T, reads: () => reads };
}

const VALIDATORS = { isWebviewToHost, isHostToWebview, isPanelSnapshot, isProgramSource } as const;

/** Every validator on `x`: a boolean, never a throw, and the property reads each one made. */
function validateAll(x: unknown): { results: boolean[]; maxReads: number } {
  const results: boolean[] = [];
  let maxReads = 0;
  for (const validate of Object.values(VALIDATORS)) {
    const c = counted(x);
    const ok = validate(c.value);
    assert.equal(typeof ok, 'boolean');
    results.push(ok);
    maxReads = Math.max(maxReads, c.reads());
  }
  assert.equal(typeof describeMessage(x), 'string');
  assert.ok(describeMessage(x).length < 100);
  return { results, maxReads };
}

// ---- well-formed messages --------------------------------------------------------------------

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)); // lone surrogates too
const text = (maxLength: number) => fc.string({ unit: anyUnit, maxLength });
const exampleId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/);
const line = fc.integer({ min: 0, max: 9_999_999 });
const mode = fc.constantFrom(...MODES);
const era = fc.constantFrom(...ERAS);

const programSource = fc.record(
  { name: text(40), text: text(200), uri: text(60), firstLine: line, exampleId },
  { requiredKeys: ['name', 'text', 'firstLine'] },
);
const snapshot = fc.record(
  {
    program: text(40), exampleId, mode, era,
    position: fc.nat(),
    status: fc.constantFrom(...PANEL_STATUSES),
    exit: fc.constantFrom('hlt', 'shutdown', 'debug-exit', 'step-limit'),
    divergenceLines: fc.array(fc.integer({ min: 1, max: 9_999_999 }), { maxLength: 10 }),
    serial: text(100),
  },
  { requiredKeys: ['mode', 'era', 'position', 'status', 'divergenceLines', 'serial'] },
);
const webviewToHost = fc.oneof(
  fc.constant({ type: 'ready' }),
  fc.constant({ type: 'requestActiveProgram' }),
  fc.record({ type: fc.constant('revealLine'), uri: text(80).filter((u) => u.length > 0), line }),
  fc.record({ type: fc.constant('explainTerm'), term: fc.stringMatching(/^[^\u0000-\u001f\u007f]{1,100}$/) }),
  fc.record({ type: fc.constant('log'), level: fc.constantFrom('info', 'warn', 'error'), message: text(200) }),
  fc.record({ type: fc.constant('state'), snapshot }),
);
const example = fc.record(
  { id: exampleId, title: text(40), description: text(100), modes: fc.uniqueArray(mode, { maxLength: MODES.length }), era, program: programSource },
  { requiredKeys: ['id', 'title', 'description', 'modes', 'program'] },
);
const hostToWebview = fc.oneof(
  fc.record({ type: fc.constant('loadProgram'), program: programSource, mode, run: fc.boolean() }, { requiredKeys: ['type', 'program'] }),
  fc.record({ type: fc.constant('examples'), examples: fc.array(example, { maxLength: 5 }) }),
  fc.constant({ type: 'noActiveProgram' }),
  fc.record({ type: fc.constant('control'), action: fc.constantFrom(...CONTROL_ACTIONS) }),
);

test('messages: every well-formed message is accepted, by its own direction only', () => {
  fc.assert(
    fc.property(webviewToHost, (m) => {
      assert.equal(isWebviewToHost(m), true, JSON.stringify(m).slice(0, 300));
      assert.equal(isHostToWebview(m), false);
    }),
    params,
  );
  fc.assert(
    fc.property(hostToWebview, (m) => {
      assert.equal(isHostToWebview(m), true, JSON.stringify(m).slice(0, 300));
      assert.equal(isWebviewToHost(m), false);
    }),
    params,
  );
});

// ---- malformed messages ----------------------------------------------------------------------

/** For each field, values that are wrong for it: the wrong type, out of range, past the cap. */
const WRONG: Record<string, unknown[]> = {
  type: [undefined, null, 7, 'READY', 'constructor', '__proto__', ['ready']],
  uri: ['', 42, null, {}, 'u'.repeat(4_001)],
  line: [-1, 1.5, NaN, Infinity, '3', 10_000_000, null],
  term: ['', 'a\nb', 't'.repeat(101), 5, ['VMM']],
  level: ['debug', 'INFO', 1, null],
  message: [7, null, 'm'.repeat(10_001)],
  snapshot: [null, [], 'state', 42],
  program: [null, 'prog', [], { name: 'p', text: 'x', firstLine: -1 }],
  mode: ['kvm', 'VTX', 3, null],
  run: ['yes', 1, null],
  examples: [null, {}, 'all', Array.from({ length: 201 }, () => ({}))],
  action: ['stop', 'STEP', 0, null],
};

function withField(message: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...message };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

test('messages: a wrong, out-of-range or oversized field is rejected', () => {
  const mutate = (valid: fc.Arbitrary<Record<string, unknown>>) =>
    valid.chain((m) => {
      const keys = Object.keys(m).filter((k) => k in WRONG);
      return fc.tuple(fc.constant(m), fc.constantFrom(...keys)).chain(([msg, key]) => fc.tuple(fc.constant(msg), fc.constant(key), fc.constantFrom(...WRONG[key])));
    });
  fc.assert(
    fc.property(mutate(webviewToHost as fc.Arbitrary<Record<string, unknown>>), ([m, key, bad]) => {
      assert.equal(isWebviewToHost(withField(m, key, bad)), false, `${String(m.type)}.${key} = ${String(bad).slice(0, 40)}`);
    }),
    params,
  );
  fc.assert(
    fc.property(mutate(hostToWebview as fc.Arbitrary<Record<string, unknown>>), ([m, key, bad]) => {
      assert.equal(isHostToWebview(withField(m, key, bad)), false, `${String(m.type)}.${key} = ${String(bad).slice(0, 40)}`);
    }),
    params,
  );
});

test('messages: wrong fields inside a program, an example or a snapshot are rejected', () => {
  const badProgram = [
    { text: 'x', firstLine: 0 }, // no name
    { name: 'p', text: 't'.repeat(MAX_PROGRAM_CHARS + 1), firstLine: 0 },
    { name: 'p', text: 'x', firstLine: 0, exampleId: '../../etc/passwd' },
    { name: 'p', text: 'x', firstLine: 0, uri: 5 },
  ];
  for (const program of badProgram) {
    assert.equal(isProgramSource(program), false, JSON.stringify(program).slice(0, 80));
    assert.equal(isHostToWebview({ type: 'loadProgram', program }), false);
  }
  const good = { id: 'hello', title: 'Hello', description: 'd', modes: ['vtx'], program: { name: 'p', text: 'x', firstLine: 0 } };
  assert.equal(isHostToWebview({ type: 'examples', examples: [good] }), true);
  for (const bad of [{ modes: ['kvm'] }, { modes: Array(7).fill('vtx') }, { id: '' }, { era: 'future' }, { program: null }]) {
    assert.equal(isHostToWebview({ type: 'examples', examples: [{ ...good, ...bad }] }), false, JSON.stringify(bad).slice(0, 80));
  }
  const state = { mode: 'vtx', era: 'current', position: 0, status: 'ready', divergenceLines: [], serial: '' };
  assert.equal(isPanelSnapshot(state), true);
  for (const bad of [{ position: -1 }, { status: 'exploded' }, { divergenceLines: [0] }, { exit: 'crash' }, { serial: 's'.repeat(100_001) }]) {
    assert.equal(isPanelSnapshot({ ...state, ...bad }), false, JSON.stringify(bad).slice(0, 80));
  }
});

// ---- hostile shapes: never a throw, work bounded by the caps -------------------------------

test('messages: arbitrary values (null prototypes, boxed values, odd keys) never throw', () => {
  const anything = fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true });
  const keyed = fc.dictionary(fc.constantFrom('type', 'uri', 'line', 'program', 'snapshot', 'examples', '__proto__', 'constructor', 'prototype', 'toString'), anything);
  const typed = fc.tuple(fc.constantFrom('ready', 'revealLine', 'log', 'state', 'loadProgram', 'examples', 'control', 'explainTerm'), keyed).map(([type, rest]) => ({ ...rest, type }));
  fc.assert(
    fc.property(fc.oneof(anything, keyed, typed), (x) => {
      const { maxReads } = validateAll(x);
      // Arrays here hold at most a few dozen items: a validator that walks further is not bounded.
      assert.ok(maxReads < 2_000, `${maxReads} property reads`);
    }),
    params,
  );
});

test('messages: prototype-pollution keys are own keys, not the message, and pollute nothing', () => {
  const hostile = [
    '{"__proto__":{"type":"ready"}}',
    '{"type":"log","level":"info","message":"x","__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}},"type":"ready"}',
    '{"type":"state","snapshot":{"__proto__":{"mode":"vtx","era":"current","position":0,"status":"ready","divergenceLines":[],"serial":""}}}',
  ].map((json) => JSON.parse(json) as unknown);
  const results = hostile.map((m) => validateAll(m).results);
  assert.equal(isWebviewToHost(hostile[0]), false, 'a type inherited through __proto__ is not a type');
  assert.equal(isWebviewToHost(hostile[1]), true);
  assert.equal(isWebviewToHost(hostile[3]), false);
  assert.equal(results.length, 4);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const boot = parseBoot('{"lang":"zh-cn","strings":{"__proto__":{"title":"evil"},"constructor":"x"}}');
  assert.equal(boot.strings.title, 'title');
  assert.equal(({} as Record<string, unknown>).title, undefined);
});

test('messages: huge, deep and cyclic messages are rejected or accepted in bounded work', () => {
  const million = 1_000_000;
  let deep: Record<string, unknown> = { name: 'p', text: 'x', firstLine: 0 };
  for (let i = 0; i < 100_000; i++) deep = { program: deep, name: 'p', text: 'x', firstLine: 0 };
  const cyclicProgram: Record<string, unknown> = { name: 'p', text: 'x', firstLine: 0 };
  cyclicProgram.self = cyclicProgram;
  const cyclicExamples: unknown[] = [];
  cyclicExamples.push(cyclicExamples);
  const cases: [string, unknown, boolean, 'host' | 'page'][] = [
    ['huge log message', { type: 'log', level: 'info', message: 'm'.repeat(50 * million) }, false, 'page'],
    ['huge uri', { type: 'revealLine', uri: 'u'.repeat(50 * million), line: 0 }, false, 'page'],
    ['huge term', { type: 'explainTerm', term: 't'.repeat(50 * million) }, false, 'page'],
    ['a million divergence lines', { type: 'state', snapshot: { mode: 'vtx', era: 'current', position: 0, status: 'ready', divergenceLines: Array(million).fill(1), serial: '' } }, false, 'page'],
    ['a million examples', { type: 'examples', examples: Array(million).fill({}) }, false, 'host'],
    ['a million modes', { type: 'examples', examples: [{ id: 'a', title: 't', description: 'd', modes: Array(million).fill('vtx'), program: { name: 'p', text: 'x', firstLine: 0 } }] }, false, 'host'],
    ['100,000 nested programs', { type: 'loadProgram', program: deep }, true, 'host'],
    ['a program that holds itself', { type: 'loadProgram', program: cyclicProgram }, true, 'host'],
    ['examples that hold themselves', { type: 'examples', examples: cyclicExamples }, false, 'host'],
  ];
  for (const [what, message, accepted, from] of cases) {
    const c = counted(message);
    const ok = from === 'page' ? isWebviewToHost(c.value) : isHostToWebview(c.value);
    assert.equal(ok, accepted, what);
    assert.ok(c.reads() < 100, `${what}: ${c.reads()} property reads`);
    assert.equal(typeof describeMessage(message), 'string');
  }
});

// ---- log lines from the page -----------------------------------------------------------------

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('log text: never a line break, control, bidi override or broken surrogate; at most the cap', () => {
  fc.assert(
    fc.property(text(300), fc.integer({ min: 1, max: 400 }), (s, max) => {
      const out = logText(s, max);
      assert.doesNotMatch(out, UNSAFE, JSON.stringify(out));
      // Each character becomes at most 6 (\u202e), plus the note of how much was cut.
      assert.ok(out.length <= max * 6 + 40, `${out.length} characters from ${s.length} (cap ${max})`);
      if (!UNSAFE.test(s) && s.length <= max) assert.equal(out, s);
    }),
    params,
  );
  assert.equal(logText('ok\n[error] simulator: fake line\r\u202eevil🚀'), 'ok\\n[error] simulator: fake line\\r\\u202eevil🚀');
  assert.equal(logText('x'.repeat(20_000)).length < 10_100, true);
});
