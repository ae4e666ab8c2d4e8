/** All entries, in the order of their categories (the Glossary view lists them this way). */
import type { GlossaryEntry } from '../types';
import { architectureEntries } from './architecture';
import { cloudEntries } from './cloud';
import { cpuEntries } from './cpu';
import { kindEntries } from './kinds';
import { productEntries } from './products';

export { categories } from './categories';

export const entries: readonly GlossaryEntry[] = [
  ...cloudEntries,
  ...kindEntries,
  ...architectureEntries,
  ...productEntries,
  ...cpuEntries,
];
