/**
 * The Note Taxonomy's outline, computed off the extension host's thread (a `worker_threads` worker,
 * bundled as dist/outlineWorker.js). One request at a time, in order; see `outlineRunner.ts` for why.
 */
import { parentPort } from 'node:worker_threads';
import { outlineNote } from '../../core/notes/index';
import { flattenOutline } from './flatOutline';
import type { OutlineReply, OutlineRequest } from './outlineProtocol';

const port = parentPort;
port?.on('message', (request: OutlineRequest) => {
  let reply: OutlineReply;
  try {
    // No glossary here: the runner marks terms on the labels it receives (outlineRunner.ts).
    const { roots, ...outline } = outlineNote(request.text, { language: request.language });
    reply = { id: request.id, outline, flat: flattenOutline(roots) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  // The numbers' buffer is handed over, not copied.
  port.postMessage(reply, 'flat' in reply ? [reply.flat.numbers.buffer as ArrayBuffer] : []);
});
