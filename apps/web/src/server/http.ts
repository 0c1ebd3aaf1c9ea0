/** Small node:http helpers: a size-limited body reader and typed JSON / error replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BaseError } from '@interfold/ring';
import { WebRequestError } from './errors.js';

export async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > limit) throw new WebRequestError('request body too large', { details: `over ${limit} bytes` });
    chunks.push(c);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export async function readJson(req: IncomingMessage, limit = 1 << 20): Promise<unknown> {
  const text = Buffer.from(await readBody(req, limit)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new WebRequestError('malformed JSON', { cause });
  }
}

export function send(res: ServerResponse, code: number, type: string, body: Uint8Array | string): void {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

export const sendJson = (res: ServerResponse, code: number, v: unknown): void =>
  send(res, code, 'application/json; charset=utf-8', JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));

/** Errors as `{ error, name, details }`: 400 for a refused request, 500 otherwise. */
export function sendError(res: ServerResponse, e: unknown): void {
  if (res.headersSent) return void res.destroy();
  const base = e instanceof BaseError ? e : undefined;
  sendJson(res, e instanceof WebRequestError ? 400 : 500, {
    error: base?.shortMessage ?? (e instanceof Error ? e.message.split('\n')[0] : String(e)),
    name: e instanceof Error ? e.name : 'Error',
    ...(base?.details ? { details: base.details } : {}),
  });
}
