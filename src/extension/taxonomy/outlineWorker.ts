/**
 * The Note Taxonomy's outline, computed off the extension host's thread (a `worker_threads` worker,
 * bundled as dist/outlineWorker.js). One request at a time, in order; see `outlineRunner.ts` for why.
 */
import { parentPort } from 'node:worker_threads';
import { outlineNote } from '../../core/notes/index';
import type { OutlineReply, OutlineRequest } from './outlineProtocol';

const port = parentPort;
port?.on('message', (request: OutlineRequest) => {
  let reply: OutlineReply;
  try {
    // No glossary here: the runner marks terms on the labels it receives (outlineRunner.ts).
    reply = { id: request.id, outline: outlineNote(request.text, { language: request.language }) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
