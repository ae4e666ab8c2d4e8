import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { registerBuiltinNote } from '../builtinNote';
import { registerExplanations } from '../glossary/explanation';
import { registerGlossaryView, type GlossaryViewApi } from '../glossary/glossaryTree';
import { registerGlossaryHover } from '../glossary/hover';
import { extendMarkdownIt, registerPreviewMarks } from '../glossary/preview';
import { taxonomyTermDescriber } from '../glossary/taxonomyTerms';
import { registerGuestLanguage } from '../guestLanguage/registerGuestLanguage';
import { registerSimulator, type SimulatorApi } from '../simulator/registerSimulator';
import { registerTaxonomy, type TaxonomyApi } from '../taxonomy/registerTaxonomy';
import { registerWalkthrough } from '../walkthrough/registerWalkthrough';
import type { HostPlatform } from './platform';

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

/**
 * The features both extension hosts have: the taxonomy tree, the glossary (hovers, view, preview
 * marks, explanations), the vmasm language and the simulator. Their code uses no Node API, so the
 * browser bundle can hold them (scripts/no-node-plugin.mjs checks it at every build).
 */
export function registerSharedFeatures(context: vscode.ExtensionContext, platform: HostPlatform): KvmLabApi {
  const glossary = registerGlossaryView();
  const taxonomy = registerTaxonomy(taxonomyTermDescriber, platform.createOutliner());
  const simulator = registerSimulator(context, platform.createRealKvm?.());
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
  return { extendMarkdownIt, glossary: glossary.api, taxonomy: taxonomy.api, simulator: simulator.api };
}
