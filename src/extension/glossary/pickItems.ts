/**
 * Items of "KVM Lab: Explain Term…". One item per entry: the name in the learner's language as the
 * label, the other language's name as the description and every alias as the detail, so that the
 * quick pick (matching on description and detail) finds "VMM", "虚拟机监视器" or "Hypervisor" alike.
 */
import type { GlossaryEntry, Lang } from '../../core/glossary/types';
import { otherLang } from './explanationText';

export interface TermPickItem {
  label: string;
  description: string;
  detail: string;
  /** The entry id, handed to the command that shows the explanation. */
  entryId: string;
}

export function termPickItems(entries: readonly GlossaryEntry[], lang: Lang): TermPickItem[] {
  return entries.map((entry) => ({
    label: entry.names[lang],
    description: entry.names[otherLang(lang)],
    detail: entry.aliases.join(' · '),
    entryId: entry.id,
  }));
}
