/** `e3 result` through the SDK's getResult / waitForResult (plaintext checked against the chain). */
import type { Io } from '../args.js';
import { connect } from '../context.js';
import { jsonText } from '../json.js';
import { parseE3Id } from '../options.js';
import { sdkClient } from '../sdkClient.js';
import { latestE3 } from './status.js';

type V = { 'e3-id'?: string; wait: boolean; timeout: number; json: boolean; 'rpc-url'?: string; deployment: string };

export async function resultAction(v: V, io: Io): Promise<number> {
  const ctx = await connect(v);
  const e3Id = parseE3Id(v['e3-id']) ?? (await latestE3(ctx));
  const client = await sdkClient(ctx);
  const r = v.wait
    ? await client.waitForResult({ e3Id, timeoutMs: v.timeout * 1000, signal: io.signal, onStage: (e) => io.stderr.write(`E3 ${e3Id}: ${e.stageName}\n`) })
    : await client.getResult({ e3Id });
  if (v.json) io.stdout.write(jsonText({ e3Id, result: r.words?.[0] ?? null, words: r.words ?? null, plaintext: r.plaintext, plaintextHash: r.e3.plaintextHash, block: r.blockNumber }) + '\n');
  else {
    io.stdout.write(`E3 ${e3Id}: result ${r.words?.[0]?.toString() ?? '(not in the standard word layout)'}\n`);
    if (r.words && r.words.length > 1) io.stdout.write(`  all words: ${r.words.join(', ')}\n`);
    io.stdout.write(`  plaintext hash ${r.e3.plaintextHash} (matches the chain), block ${r.blockNumber}\n`);
  }
  return 0;
}
