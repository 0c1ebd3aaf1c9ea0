/** Reads a ciphernode's /health and /status (packages/node src/http) and prints them. */
import type { Io } from '../args.js';
import { NetworkError, UsageError } from '../errors.js';

async function get(base: URL, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, base);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.text() };
  } catch (cause) {
    throw new NetworkError('the node did not answer', {
      details: `${url.href}: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}`,
      hint: 'check --url (or E3_NODE_URL) and that `e3 node start` runs with that http port',
      cause,
    });
  }
}

export async function nodeStatusAction(v: { url: string; json: boolean }, io: Io): Promise<number> {
  let base: URL;
  try {
    base = new URL(v.url);
  } catch (cause) {
    throw new UsageError('--url is not a URL', { details: v.url, hint: 'e.g. http://127.0.0.1:9100', cause });
  }
  const [health, status] = await Promise.all([get(base, '/health'), get(base, '/status')]);
  if (status.status !== 200) throw new NetworkError(`the node answered HTTP ${status.status} for /status`, { details: status.body.slice(0, 200) });
  let parsed: unknown;
  try {
    parsed = JSON.parse(status.body);
  } catch (cause) {
    throw new NetworkError('the node answered /status with something other than JSON', { details: status.body.slice(0, 200), cause });
  }
  if (v.json) {
    io.stdout.write(JSON.stringify(parsed) + '\n');
  } else {
    io.stdout.write(`health: ${health.status === 200 ? 'ok' : `HTTP ${health.status}`}\n`);
    io.stdout.write(JSON.stringify(parsed, null, 2) + '\n');
  }
  return health.status === 200 ? 0 : 3;
}
