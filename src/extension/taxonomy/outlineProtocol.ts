/** Messages between the extension host and the outline worker (`outlineWorker.ts`). */
import type { NoteLanguage, NoteOutline } from '../../core/notes/index';

export interface OutlineRequest {
  id: number;
  text: string;
  language: NoteLanguage;
  /** Mark the nodes that name a glossary term (functions cannot cross threads: the worker has the glossary). */
  withTerms: boolean;
}

export type OutlineReply = { id: number; outline: NoteOutline } | { id: number; error: string };
