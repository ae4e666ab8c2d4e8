/** All entries, in the order of their categories (the Glossary view lists them this way). */
import type { GlossaryEntry } from '../types';
import { architectureEntries } from './architecture';
import { cloudEntries } from './cloud';
import { cpuEntries } from './cpu';
import { hardwareEntries } from './hardware';
import { ioEntries } from './io';
import { kindEntries } from './kinds';
import { kvmApiEntries } from './kvmApi';
import { memoryEntries } from './memory';
import { operationEntries } from './operations';
import { productEntries } from './products';

export { categories } from './categories';

export const entries: readonly GlossaryEntry[] = [
  ...cloudEntries,
  ...kindEntries,
  ...architectureEntries,
  ...productEntries,
  ...cpuEntries,
  ...hardwareEntries,
  ...memoryEntries,
  ...ioEntries,
  ...kvmApiEntries,
  ...operationEntries,
];
