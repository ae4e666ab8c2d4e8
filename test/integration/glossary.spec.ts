// The glossary in a real extension host: hovers on a fixture note (and where they stay quiet),
// the language and hover settings, the Explain Term quick pick, the Glossary view, the
// explanation page, taxonomy rows naming terms, and the Markdown preview's term marks.
import * as assert from 'assert/strict';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { entryById, GLOSSARY } from '../../src/core/glossary/index';
import { escapeMarkdown } from '../../src/extension/glossary/explanationText';
import { termPickItems } from '../../src/extension/glossary/pickItems';
import { markTooltip } from '../../src/extension/glossary/previewTooltips';
import { closeAllEditors, extension, fixtureUri, openInEditor, waitFor } from './helpers';

/** The parts of `activate`'s result (src/extension/extension.ts, `KvmLabApi`) this suite uses. */
interface GlossaryTestApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  glossary: {
    children(node?: GlossaryNodeLike): GlossaryNodeLike[];
    item(node: GlossaryNodeLike): vscode.TreeItem;
    selection(): string[];
  };
  taxonomy: { snapshot(): Promise<{ uri: string; roots: readonly TaxonomyNodeWithTerms[] }> };
}
type GlossaryNodeLike = { kind: 'category' | 'term'; id: string };
interface TaxonomyNodeWithTerms {
  label: string;
  terms: readonly string[];
  children: readonly TaxonomyNodeWithTerms[];
}

const NOTE = 'glossary-note.md';
const hypervisor = entryById('hypervisor')!;

function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
}

/** Our hovers at a position (other providers, e.g. the guest-language hover, may answer too). */
async function glossaryHovers(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.map(hoverText).filter((text) => text.includes('command:kvmLab.glossary.show'));
}

/** A position inside the first `needle` on a 0-based line (one character in, as a pointer would rest). */
function positionOf(document: vscode.TextDocument, line: number, needle: string): vscode.Position {
  const character = document.lineAt(line).text.indexOf(needle);
  assert.ok(character >= 0, `"${needle}" is not on line ${line + 1}: ${document.lineAt(line).text}`);
  return new vscode.Position(line, character + 1);
}

function lineOf(document: vscode.TextDocument, needle: string): number {
  const index = document.getText().split('\n').findIndex((text) => text.includes(needle));
  assert.ok(index >= 0, `the fixture has no line with "${needle}"`);
  return index;
}

async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('kvmLab');
  const previous = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('kvmLab').update(key, previous, vscode.ConfigurationTarget.Global);
  }
}

describe('Glossary', () => {
  let api: GlossaryTestApi;
  let document: vscode.TextDocument;

  before(async () => {
    api = (await extension().activate()) as GlossaryTestApi;
    assert.equal(typeof api?.extendMarkdownIt, 'function', 'activate() must return extendMarkdownIt for the preview');
  });

  beforeEach(async () => {
    document = (await openInEditor(fixtureUri(NOTE))).document;
  });

  afterEach(closeAllEditors);

  it('registers its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['kvmLab.explainTerm', 'kvmLab.glossary.show', 'kvmLab.glossary.explainNode']) {
      assert.ok(all.has(id), `command ${id} is not registered`);
    }
  });

  it('explains a term on hover, with both names, its taxonomy, related terms, sources and links', async () => {
    await withSetting('language', 'en', async () => {
      const [text] = await glossaryHovers(document.uri, positionOf(document, lineOf(document, 'A Hypervisor runs'), 'Hypervisor'));
      assert.ok(text, 'no glossary hover on "Hypervisor"');
      assert.ok(text.includes('**Hypervisor** · 虚拟机监控器'), text);
      assert.ok(text.includes('The software layer that creates and runs virtual machines'), 'the English summary');
      assert.ok(text.includes('Virtualization › Platform virtualization › Hypervisor'), 'the taxonomy path');
      assert.ok(text.includes('Type 1 hypervisor'), 'related terms');
      assert.ok(text.includes('Popek'), 'sources');
      assert.ok(text.includes(`command:kvmLab.explainTerm?${encodeURIComponent('["hypervisor"]')}`), 'a link to the full explanation');
    });
  });

  it('explains Chinese terms and aliases', async () => {
    const line = lineOf(document, '虚拟机监视器运行');
    const [alias] = await glossaryHovers(document.uri, positionOf(document, line, '监视器'));
    assert.ok(alias?.includes(escapeMarkdown(hypervisor.names.en)), 'the alias 虚拟机监视器 is the hypervisor');
    const [para] = await glossaryHovers(document.uri, positionOf(document, line, '半虚拟化'));
    assert.ok(para?.includes(escapeMarkdown(entryById('paravirtualization')!.names['zh-cn'])), para);
  });

  it('stays quiet in front matter and in code fences, but not in guest programs', async () => {
    assert.deepEqual(await glossaryHovers(document.uri, positionOf(document, lineOf(document, 'tags:'), 'hypervisor')), []);
    assert.deepEqual(await glossaryHovers(document.uri, positionOf(document, lineOf(document, '/* Hypervisor'), 'Hypervisor')), []);
    const inGuestProgram = await glossaryHovers(document.uri, positionOf(document, lineOf(document, 'popf'), 'VMM'));
    assert.equal(inGuestProgram.length, 1, 'a ```vmasm block is a guest program: its terms are explained');
  });

  it('answers in plain-text notes', async () => {
    const text = await openInEditor(fixtureUri('glossary-note.txt'));
    const hovers = await glossaryHovers(text.document.uri, positionOf(text.document, 0, 'hypervisor'));
    assert.equal(hovers.length, 1);
  });

  it('follows the kvmLab.language setting', async () => {
    const at = positionOf(document, lineOf(document, 'A Hypervisor runs'), 'Hypervisor');
    const zh = await withSetting('language', 'zh-cn', async () => (await glossaryHovers(document.uri, at))[0]);
    assert.ok(zh?.startsWith('**虚拟机监控器** · Hypervisor'), zh);
    assert.ok(zh.includes('创建并运行虚拟机'), 'the Chinese summary');
    assert.ok(!zh.includes('The software layer'), 'not the English one');
    const en = await withSetting('language', 'en', async () => (await glossaryHovers(document.uri, at))[0]);
    assert.ok(en?.startsWith('**Hypervisor** · 虚拟机监控器'), en);
  });

  it('is silenced by kvmLab.hover.enabled = false', async () => {
    const at = positionOf(document, lineOf(document, 'A Hypervisor runs'), 'Hypervisor');
    assert.equal((await glossaryHovers(document.uri, at)).length, 1);
    await withSetting('hover.enabled', false, async () => {
      assert.deepEqual(await glossaryHovers(document.uri, at), []);
    });
    assert.equal((await glossaryHovers(document.uri, at)).length, 1, 'back on once the setting is restored');
  });

  it('offers every entry in the Explain Term quick pick, findable by its aliases in both languages', () => {
    const { terms, otherNames } = termPickItems(GLOSSARY, 'en');
    assert.equal(terms.length, GLOSSARY.length);
    const byAlias = (alias: string) => otherNames.find((item) => item.label === alias)?.entryId;
    assert.equal(byAlias('VMM'), 'hypervisor');
    assert.equal(byAlias('虚拟机监视器'), 'hypervisor');
    assert.equal(byAlias('半虚拟化'), 'paravirtualization');
    assert.equal(terms.find((item) => item.entryId === 'paravirtualization')?.description, '半虚拟化');
  });

  it('shows categories, then terms, in the Glossary view', async () => {
    await withSetting('language', 'en', async () => {
      const categories = api.glossary.children();
      assert.ok(categories.length >= 5, `only ${categories.length} categories`);
      assert.ok(categories.every((node) => node.kind === 'category'));
      const terms = categories.flatMap((category) => api.glossary.children(category));
      assert.equal(terms.length, GLOSSARY.length, 'every entry under its category');
      const node = terms.find((term) => term.id === 'hypervisor')!;
      const item = api.glossary.item(node);
      assert.equal(item.label, 'Hypervisor');
      assert.equal(item.description, '虚拟机监控器');
      assert.equal(item.tooltip, hypervisor.summary.en);
      assert.deepEqual(item.command?.arguments, ['hypervisor']);
    });
    await withSetting('language', 'zh-cn', async () => {
      const item = api.glossary.item({ kind: 'term', id: 'hypervisor' });
      assert.equal(item.label, '虚拟机监控器');
      assert.equal(item.description, 'Hypervisor');
      assert.equal(api.glossary.item(api.glossary.children()[0]).label, '云计算与分布式计算');
    });
  });

  it('reveals an entry in the Glossary view ("Show in Glossary")', async () => {
    await vscode.commands.executeCommand('kvmLab.glossary.show', 'paravirtualization');
    await waitFor('the entry selected in the Glossary view', () => api.glossary.selection().includes('paravirtualization'));
    await vscode.commands.executeCommand('kvmLab.glossary.show', 'VMM');
    await waitFor('the entry found by its alias', () => api.glossary.selection().includes('hypervisor'));
  });

  it('opens the explanation page of a term, by id or by alias', async () => {
    const page = await vscode.workspace.openTextDocument(vscode.Uri.parse('kvm-lab-glossary:/hypervisor.md'));
    assert.equal(page.languageId, 'markdown');
    assert.ok(page.getText().startsWith('# Hypervisor'), page.getText().slice(0, 200));
    assert.ok(page.getText().includes('Popek'), 'with its sources');
    await vscode.commands.executeCommand('kvmLab.explainTerm', 'VMM');
    await waitFor('a preview of the hypervisor page', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => /hypervisor\.md/.test(tab.label)),
    );
  });

  it('marks the rows of the Note Taxonomy that name a term', async () => {
    const roots = await waitFor('the fixture in the taxonomy tree', async () => {
      const snapshot = await api.taxonomy.snapshot();
      return snapshot.uri.endsWith(NOTE) ? snapshot.roots : undefined;
    });
    const heading = roots.find((node) => node.label === 'How a hypervisor keeps control');
    assert.ok(heading, JSON.stringify(roots.map((node) => node.label)));
    assert.deepEqual(heading.terms, ['hypervisor']);
    // The row's inline action receives the tree element itself.
    await vscode.commands.executeCommand('kvmLab.glossary.explainNode', heading);
    await waitFor('a preview of the hypervisor page', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => /hypervisor\.md/.test(tab.label)),
    );
  });

  it("is one of the markdown-it plugins of VS Code's own Markdown renderer", async () => {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', 'A hypervisor, or VMM.');
    assert.match(html, /<abbr>hypervisor<\/abbr>, or <abbr>VMM<\/abbr>/, html);
    assert.match(html, /<div hidden data-kvm-lab-lang="(en|zh-cn)"><\/div>/, html);
  });

  it('ships the preview script that explains the marks, and its style', async () => {
    const contributes = extension().packageJSON.contributes as Record<string, string[]>;
    for (const file of [...contributes['markdown.previewScripts']!, ...contributes['markdown.previewStyles']!]) {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, file));
      assert.ok(stat.size > 0, `${file} is empty`);
    }
    assert.ok(contributes['markdown.previewScripts']!.includes('./dist/preview.js'));
  });

  it('marks terms in the Markdown preview with their explanation', async () => {
    await withSetting('language', 'en', async () => {
      const html = api.extendMarkdownIt(new MarkdownIt()).render('Under a hypervisor, `VMM` in code stays code.');
      assert.match(html, /Under a <abbr>hypervisor<\/abbr>, /, html);
      assert.ok(html.includes('<code>VMM</code>'), html);
      // The explanation itself is set by the preview script from the language written here.
      assert.ok(html.endsWith('<div hidden data-kvm-lab-lang="en"></div>\n'), html);
      assert.match(markTooltip('hypervisor', 'en') ?? '', /^Hypervisor — The software layer/);
    });
  });
});
