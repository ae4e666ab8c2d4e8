import { outlineNote, type NoteLanguage, type NoteOutline } from '../../core/notes/index';

/**
 * How the Note Taxonomy gets a note's outline. Injected by the entry point: the Node host may run it
 * in a `worker_threads` worker (src/extension/taxonomy/outlineRunner.ts), which must stay out of the
 * browser bundle; the web worker host outlines on its own thread, bounded (`boundedOutliner`).
 */
export interface Outliner {
  /** The note's outline, or `undefined` when the result is stale (a newer job for the same note replaced it). */
  outline(job: OutlineJob): Promise<NoteOutline | undefined>;
  dispose(): void;
}

export interface OutlineJob {
  /** The note's identity (its URI). */
  key: string;
  text: string;
  language: NoteLanguage;
  /** The glossary lookup for labels. */
  findTerms?: (label: string) => string[];
}

/**
 * The largest note outlined on the extension host's own thread where no worker exists: a few tens
 * of milliseconds at most, so typing and hovers stay responsive. Larger notes get the core's
 * "too large" warning instead of a frozen editor. The same bound as the Node host's fallback path.
 */
export const SYNC_MAX_CHARS = 512 * 1024;

/** Outlines on the calling thread, refusing notes over `maxChars`; a failure becomes the tree's message. */
export function boundedOutliner(maxChars: number = SYNC_MAX_CHARS): Outliner {
  return {
    async outline(job) {
      try {
        return outlineNote(job.text, { language: job.language, findTerms: job.findTerms, maxChars });
      } catch (error) {
        return { roots: [], nodeCount: 0, warnings: [error instanceof Error ? error.message : String(error)] };
      }
    },
    dispose() {},
  };
}
