// Localization that cannot drift: every user-facing text exists in English and in Chinese. The
// strings are found where they live (the manifest, the source, the data), never from a hand list,
// so a string added tomorrow is checked tomorrow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as glossary from '../../../src/core/glossary/index';
import * as sim from '../../../src/core/sim/index';
import * as notes from '../../../src/core/notes/index';
import * as explanationText from '../../../src/extension/glossary/explanationText';
import { bilingualGaps, l10nCalls, placeholders, headingShape } from './scan';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const readJson = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('package.nls.json and package.nls.zh-cn.json have the same keys, none empty', () => {
  const en = readJson('package.nls.json');
  const zh = readJson('package.nls.zh-cn.json');
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'keys without a Chinese twin');
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'Chinese keys without an English twin');
  const empty = Object.entries({ ...en, ...zh }).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
  assert.deepEqual(empty, []);
});

test('every vscode.l10n.t string in src/ has a Chinese translation with the same placeholders, and the bundle has no stale entries', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const used = new Set<string>();
  const problems: string[] = [];
  for (const file of tsFiles(join(root, 'src'))) {
    const where = relative(root, file);
    for (const call of l10nCalls(readFileSync(file, 'utf8'))) {
      if (call.message === undefined) {
        problems.push(`${where}:${call.line}: l10n.t with a computed message cannot be translated: ${call.source}`);
        continue;
      }
      used.add(call.message);
      const zh = bundle[call.message];
      if (typeof zh !== 'string' || zh.trim() === '') problems.push(`${where}:${call.line}: no Chinese for "${call.message}"`);
      else if (placeholders(zh).join() !== placeholders(call.message).join()) problems.push(`${where}:${call.line}: placeholders differ: "${call.message}" / "${zh}"`);
    }
  }
  assert.ok(used.size > 50, `the scan finds the extension's strings (found ${used.size})`);
  for (const key of Object.keys(bundle)) if (!used.has(key)) problems.push(`l10n/bundle.l10n.zh-cn.json: "${key}" is used nowhere in src/`);
  assert.deepEqual(problems, []);
});

test('the scanner sees every way of calling l10n.t', () => {
  const calls = l10nCalls([
    "vscode.l10n.t('single {0}', x)",
    'l10n.t("double")',
    'l10n.t(`template`)',
    'l10n.t(\n  \'on the next line\',\n)',
    "l10n.t({ message: 'with a comment', comment: ['why'] })",
    "learnerL10n.t('in the learner\\'s language')",
    'l10n.t(`computed ${x}`)',
    'l10n.t(message)',
    "l10n.t('it\\'s escaped')",
  ].join('\n'));
  assert.deepEqual(calls.map((c) => c.message), ['single {0}', 'double', 'template', 'on the next line', 'with a comment', "in the learner's language", undefined, undefined, "it's escaped"]);
});

test('every bilingual text of the glossary, the simulator, the notes and the explanation pages has both languages', () => {
  const gaps = [
    ...bilingualGaps(glossary.GLOSSARY, 'GLOSSARY'),
    ...bilingualGaps(glossary.CATEGORIES, 'CATEGORIES'),
    ...bilingualGaps(sim, 'core/sim'),
    ...bilingualGaps(notes, 'core/notes'),
    ...bilingualGaps(explanationText, 'explanationText'),
  ];
  assert.deepEqual(gaps, []);
  // The walk reaches the data: every example lesson and glossary entry was visited.
  assert.ok(sim.EXAMPLES.length >= 6 && glossary.GLOSSARY.length >= 40);
});

test('the checker flags a missing or empty language and different shapes', () => {
  assert.deepEqual(bilingualGaps({ a: { en: 'x', 'zh-cn': 'y' } }, 'ok'), []);
  assert.deepEqual(bilingualGaps({ a: { en: 'x' } }, 'd'), ['d.a: no zh-cn']);
  assert.deepEqual(bilingualGaps([{ 'zh-cn': 'y' }], 'd'), ['d[0]: no en']);
  assert.deepEqual(bilingualGaps({ a: { en: 'x', 'zh-cn': ' ' } }, 'd'), ['d.a: empty zh-cn']);
  assert.deepEqual(bilingualGaps({ en: { t: 'x', u: 'y' }, 'zh-cn': { t: 'x' } }, 'd'), ['d: en has keys zh-cn lacks: u']);
  assert.deepEqual(bilingualGaps({ en: ['a', 'b'], 'zh-cn': ['a'] }, 'd'), ['d: en has 2 items, zh-cn 1']);
});

test('the built-in study note has the same sections in both languages', () => {
  const en = headingShape(read('notes/builtin/study-note.en.md'));
  const zh = headingShape(read('notes/builtin/study-note.zh-cn.md'));
  assert.ok(en.length > 10, 'the note has sections');
  assert.deepEqual(zh, en);
});
