/**
 * Runs the Note Taxonomy's outline in a worker thread. The extension host is one thread shared by
 * every extension: outlining a note near the size cap (8 MB) takes seconds there, during which no
 * hover, completion or keystroke of any extension is answered. In a worker it costs the host only
 * the copy of the text and of the result.
 *
 * Where no worker can be started (the bundle is missing, or a host without `worker_threads`), the
 * outline runs on the host's thread but only for notes up to `SYNC_MAX_CHARS` (tens of
 * milliseconds); larger ones get the "too large" warning instead of a frozen editor.
 *
 * One outline per note at a time: a request for a note that is being outlined waits, and a newer
 * request replaces an older waiting one, which resolves `undefined` (stale: its text is outdated).
 * Node-only, no `vscode` import: unit-tested in plain Node.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { outlineNote, type NoteLanguage, type NoteOutline } from '../../core/notes/index';
import { rebuildOutline, type FlatOutline } from './flatOutline';
import type { OutlineReply, OutlineRequest } from './outlineProtocol';

/** The largest note outlined on the host's own thread when there is no worker. */
export const SYNC_MAX_CHARS = 512 * 1024;
/** A worker that died this often is not started again: the bounded synchronous path takes over. */
const MAX_WORKER_STARTS = 3;

export interface OutlineJob {
  /** The note's identity (its URI): jobs with the same key never run concurrently. */
  key: string;
  text: string;
  language: NoteLanguage;
  /** The glossary lookup for labels; the worker uses the glossary's own, the synchronous path this one. */
  findTerms?: (label: string) => string[];
}

/** What the worker answers: the outline's fields and its nodes, flat. */
type WorkerOutline = { outline: Omit<NoteOutline, 'roots'>; flat: FlatOutline };

/** Gives the host's thread back for a turn of the event loop (other extensions' requests, timers). */
const yieldThread = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Waiting {
  resolve(outline: WorkerOutline): void;
  reject(error: Error): void;
}

interface KeyState {
  next?: { job: OutlineJob; resolve(outline: NoteOutline | undefined): void };
}

/** The worker crashed or exited with jobs in flight (unlike an outline that failed in it). */
class WorkerGone extends Error {}

/** A tree that says why it is empty, rather than a rejected promise the view would swallow. */
function failedOutline(error: unknown): NoteOutline {
  return { roots: [], nodeCount: 0, warnings: [error instanceof Error ? error.message : String(error)] };
}

export class OutlineRunner {
  private worker: Worker | undefined;
  private workerStarts = 0;
  private nextId = 1;
  private disposed = false;
  private readonly waiting = new Map<number, Waiting>();
  private readonly running = new Map<string, KeyState>();

  /** `workerFile` undefined: always the synchronous path. The default is the bundle next to dist/extension.js. */
  constructor(
    private readonly workerFile: string | undefined = join(__dirname, 'outlineWorker.js'),
    private readonly workerOptions: WorkerOptions = {},
  ) {}

  /** The note's outline, or `undefined` when a newer job for the same note replaced this one before it ran. */
  outline(job: OutlineJob): Promise<NoteOutline | undefined> {
    const state = this.running.get(job.key);
    if (!state) return this.run(job);
    state.next?.resolve(undefined);
    return new Promise((resolve) => (state.next = { job, resolve }));
  }

  /** Whether outlines run in a worker (false before the first job, and after the fallback took over). */
  get usesWorker(): boolean {
    return this.worker !== undefined;
  }

  private run(job: OutlineJob): Promise<NoteOutline | undefined> {
    const state: KeyState = {};
    this.running.set(job.key, state);
    const result = this.compute(job);
    void result.then(() => {
      this.running.delete(job.key);
      const next = state.next;
      if (next) void this.run(next.job).then(next.resolve);
    });
    return result;
  }

  private async compute(job: OutlineJob): Promise<NoteOutline | undefined> {
    if (this.disposed) return undefined;
    const worker = this.startWorker();
    if (worker) {
      try {
        const { outline, flat } = await this.inWorker(worker, job);
        // Terms are found here, on the labels only: the worker carries no glossary, so the VSIX
        // holds one copy of it (in the shared bundle) instead of two. In slices: see flatOutline.ts.
        const roots = await rebuildOutline(flat, job.findTerms, yieldThread);
        return { ...outline, roots };
      } catch (error) {
        if (this.disposed) return undefined;
        // The outline itself failed: the same text would fail here too. A dead worker falls through.
        if (!(error instanceof WorkerGone)) return failedOutline(error);
      }
    }
    try {
      return outlineNote(job.text, { language: job.language, findTerms: job.findTerms, maxChars: SYNC_MAX_CHARS });
    } catch (error) {
      return failedOutline(error);
    }
  }

  private inWorker(worker: Worker, job: OutlineJob): Promise<WorkerOutline> {
    const id = this.nextId++;
    const request: OutlineRequest = { id, text: job.text, language: job.language };
    return new Promise<WorkerOutline>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Referenced only while it owes an answer: an idle worker must not keep a process alive.
      worker.ref();
      worker.postMessage(request);
    });
  }

  private startWorker(): Worker | undefined {
    if (this.worker || !this.workerFile || this.workerStarts >= MAX_WORKER_STARTS || !existsSync(this.workerFile)) return this.worker;
    this.workerStarts++;
    try {
      const worker = new Worker(this.workerFile, this.workerOptions);
      worker.unref();
      worker.on('message', (reply: OutlineReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(worker, new WorkerGone(error.message)));
      worker.on('exit', (code) => this.fail(worker, new WorkerGone(`outline worker exited with code ${code}`)));
      this.worker = worker;
      return worker;
    } catch {
      return undefined;
    }
  }

  private settle(reply: OutlineReply): void {
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (!waiting) return;
    if ('outline' in reply) waiting.resolve({ outline: reply.outline, flat: reply.flat });
    else waiting.reject(new Error(reply.error));
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const job of waiting) job.reject(error);
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const job of this.waiting.values()) job.reject(new WorkerGone('disposed'));
    this.waiting.clear();
    void worker?.terminate();
  }
}
