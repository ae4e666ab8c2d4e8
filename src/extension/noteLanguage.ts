/**
 * Which language a note is written in, from the share of Chinese characters among its letters.
 * No `vscode` import: unit-tested in Node. A Chinese note is full of Latin names (KVM, QEMU,
 * VT-x), so one Han character counts as much as one Latin word, not one Latin letter.
 */
export type NoteLanguage = 'en' | 'zh-cn';

/** Enough text to decide; a long note is not read to its end on every hover. */
export const SAMPLE_CHARS = 32 * 1024;

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]+/g;

/** 'zh-cn' when Han characters outnumber Latin words, 'en' when there are words, else undefined. */
export function detectNoteLanguage(text: string): NoteLanguage | undefined {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const han = sample.match(HAN)?.length ?? 0;
  const words = sample.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && words === 0) return undefined;
  return han >= words ? 'zh-cn' : 'en';
}
