import { entryById, termIdsInText } from '../../core/glossary/index';
import type { TermDescriber } from '../taxonomy/taxonomyTree';
import { uiLanguage } from '../language';

/** Lets the Note Taxonomy view mark the rows that name a glossary term, in the learner's language. */
export const taxonomyTermDescriber: TermDescriber = {
  findTerms: termIdsInText,
  describe(id) {
    const entry = entryById(id);
    if (!entry) return undefined;
    const lang = uiLanguage();
    return { name: entry.names[lang], summary: entry.summary[lang] };
  },
};
