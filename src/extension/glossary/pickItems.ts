/**
 * Items of "KVM Lab: Explain Term…". First one item per entry: its name in the learner's
 * language, the other language's name as the description, the aliases as the detail. Then one
 * item per other name (the other language's name and each alias), labelled with that name: the
 * quick pick ranks label matches above description and detail matches, so typing "VMM" must find
 * an item *labelled* VMM, not KVM, whose label happens to contain V, M and M.
 */
import type { GlossaryEntry, Lang } from '../../core/glossary/types';
import { otherLang } from './explanationText';

export interface TermPickItem {
  label: string;
  description: string;
  detail?: string;
  /** The entry id, handed to the command that shows the explanation. */
  entryId: string;
}

export interface TermPickItems {
  /** One per entry, in glossary order. */
  terms: TermPickItem[];
  /** One per other name of an entry, each described by the entry's name. */
  otherNames: TermPickItem[];
}

export function termPickItems(entries: readonly GlossaryEntry[], lang: Lang): TermPickItems {
  const terms: TermPickItem[] = [];
  const otherNames: TermPickItem[] = [];
  for (const entry of entries) {
    const name = entry.names[lang];
    terms.push({ label: name, description: entry.names[otherLang(lang)], detail: entry.aliases.join(' · '), entryId: entry.id });
    const seen = new Set([name.toLowerCase()]);
    for (const form of [entry.names[otherLang(lang)], ...entry.aliases]) {
      if (seen.has(form.toLowerCase())) continue;
      seen.add(form.toLowerCase());
      otherNames.push({ label: form, description: name, entryId: entry.id });
    }
  }
  return { terms, otherNames };
}
