/** Messages between the extension host and the outline worker (`outlineWorker.ts`). */
import type { NoteLanguage, NoteOutline } from '../../core/notes/index';

export interface OutlineRequest {
  id: number;
  text: string;
  language: NoteLanguage;
}

export type OutlineReply = { id: number; outline: NoteOutline } | { id: number; error: string };
