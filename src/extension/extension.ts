import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { registerBuiltinNote } from './builtinNote';
import { openDemoIfAsked } from './demo';
import { registerExplanations } from './glossary/explanation';
import { registerGlossaryView, type GlossaryViewApi } from './glossary/glossaryTree';
import { registerGlossaryHover } from './glossary/hover';
import { extendMarkdownIt, registerPreviewMarks } from './glossary/preview';
import { taxonomyTermDescriber } from './glossary/taxonomyTerms';
import { registerGuestLanguage } from './guestLanguage/registerGuestLanguage';
import { registerSimulator, type SimulatorApi } from './simulator/registerSimulator';
import { registerTaxonomy, type TaxonomyApi } from './taxonomy/registerTaxonomy';
import { registerWalkthrough } from './walkthrough/registerWalkthrough';

/**
 * Returned from `activate`: `extendMarkdownIt` for VS Code's Markdown preview
 * (`contributes.markdown.markdownItPlugins`), the rest for the integration tests, not a public contract.
 */
export interface KvmLabApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  taxonomy: TaxonomyApi;
  glossary: GlossaryViewApi;
  simulator: SimulatorApi;
}

export function activate(context: vscode.ExtensionContext): KvmLabApi {
  const glossary = registerGlossaryView();
  const taxonomy = registerTaxonomy(taxonomyTermDescriber);
  const simulator = registerSimulator(context);
  context.subscriptions.push(
    registerBuiltinNote(context),
    taxonomy.disposable,
    glossary.disposable,
    registerGlossaryHover(),
    registerExplanations(),
    registerPreviewMarks(),
    registerGuestLanguage(),
    simulator.disposable,
    registerWalkthrough(simulator.api),
  );
  void openDemoIfAsked((message) => console.warn(`[kvm-lab] ${message}`));
  return { extendMarkdownIt, glossary: glossary.api, taxonomy: taxonomy.api, simulator: simulator.api };
}

export function deactivate(): void {}
