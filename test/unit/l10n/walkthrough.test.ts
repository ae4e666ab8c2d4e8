// The walkthrough: both languages, pictures up to date, steps that complete on events that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../../src/core/sim/index';
import { starterNote } from '../../../src/extension/walkthrough/starterNote';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = {
  en: JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>,
  'zh-cn': JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>,
};
const [walkthrough] = manifest.contributes.walkthroughs;
const key = (value: string) => /^%(.+)%$/.exec(value)?.[1] ?? assert.fail(`"${value}" is not a %key%`);
const HAN = /\p{Script=Han}/u;

test('every step has a picture per language, in that language', () => {
  assert.ok(walkthrough.steps.length >= 8);
  for (const step of walkthrough.steps) {
    for (const lang of ['en', 'zh-cn'] as const) {
      const path = nls[lang][key(step.media.svg)];
      assert.ok(path?.endsWith(`.${lang}.svg`), `${step.id}: ${lang} picture is ${path}`);
      assert.ok(existsSync(join(root, path)), `${path} exists`);
      const svg = readFileSync(join(root, path), 'utf8');
      const words = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
      if (lang === 'zh-cn') assert.match(words, HAN, `${path} speaks Chinese`);
      assert.ok(nls[lang][key(step.media.altText)], `${step.id}: alt text in ${lang}`);
    }
  }
});

test('the pictures are what scripts/walkthrough-media.mjs draws', async () => {
  const { mediaFiles } = await import(join(root, 'scripts', 'walkthrough-media.mjs'));
  for (const { path, text } of mediaFiles() as Array<{ path: string; text: string }>) {
    assert.equal(readFileSync(path, 'utf8'), text, `${path} is stale: run node scripts/walkthrough-media.mjs`);
  }
});

test('steps complete on commands, views and context keys that exist', () => {
  const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const views = new Set<string>(Object.values(manifest.contributes.views).flat().map((v) => (v as { id: string }).id));
  const source = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? source(join(dir, name)) : [readFileSync(join(dir, name), 'utf8')]));
  const code = source(join(root, 'src', 'extension')).join('\n');
  for (const step of walkthrough.steps) {
    assert.ok(step.completionEvents.length > 0, `${step.id} completes on an event`);
    for (const event of step.completionEvents as string[]) {
      const [kind, name] = event.split(/:(.*)/);
      if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${name} is contributed`);
      else if (kind === 'onView') assert.ok(views.has(name), `${step.id}: view ${name}`);
      else if (kind === 'onContext') assert.ok(code.includes(`'${name}'`), `${step.id}: context key ${name} is set somewhere`);
      else assert.fail(`${step.id}: unexpected completion event ${event}`);
    }
    // Each step's button runs a command the extension has (or a view's own focus command).
    for (const lang of ['en', 'zh-cn'] as const) {
      const links = [...nls[lang][key(step.description)].matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${step.id} (${lang}) has a button`);
      for (const command of links) assert.ok(commands.has(command) || views.has(command.replace(/\.focus$/, '')), `${step.id}: ${command}`);
    }
  }
});

test('the starter note of the last step holds a guest program that assembles, in both languages', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    const block = /```vmasm\n([\s\S]*?)```/.exec(starterNote(lang))?.[1];
    assert.ok(block, lang);
    const result = assemble(block);
    assert.deepEqual(result.diagnostics, [], lang);
  }
  assert.match(starterNote('zh-cn'), HAN);
});
