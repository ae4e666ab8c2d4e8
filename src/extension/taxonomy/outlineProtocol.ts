/** Messages between the extension host and the outline worker (`outlineWorker.ts`). */
import type { NoteLanguage, NoteOutline } from '../../core/notes/index';
import type { FlatOutline } from './flatOutline';

export interface OutlineRequest {
  id: number;
  text: string;
  language: NoteLanguage;
}

/** The outline without its nodes, which travel flat (`flatOutline.ts`). */
export type OutlineReply = { id: number; outline: Omit<NoteOutline, 'roots'>; flat: FlatOutline } | { id: number; error: string };
