/** `e3 submit` through the SDK: getPublicKey → encryptInput → proveInput → submitInput. */
import type { Io } from '../args.js';
import { connect, resolveAccount } from '../context.js';
import { UsageError } from '../errors.js';
import { jsonText } from '../json.js';
import { parseE3Id } from '../options.js';
import { sdkClient } from '../sdkClient.js';

type V = { 'e3-id': string; value: string; json: boolean; 'rpc-url'?: string; deployment: string; 'key-file'?: string; 'dev-account'?: number };

export function parseMessage(raw: string): bigint[] {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^[0-9]+$/.test(p))) {
    throw new UsageError('--value expects a whole number or comma-separated whole numbers', { details: `got "${raw}"` });
  }
  return parts.map((p) => BigInt(p));
}

export async function submitAction(v: V, io: Io): Promise<number> {
  const e3Id = parseE3Id(v['e3-id'])!;
  const message = parseMessage(v.value);
  const account = resolveAccount(v, io.env);
  const ctx = await connect(v);
  const client = await sdkClient(ctx, account, true);
  try {
    const { publicKey } = await client.getPublicKey({ e3Id });
    const t = BigInt(publicKey.params.t);
    if (message.length > publicKey.params.N) throw new UsageError(`--value has more than N = ${publicKey.params.N} coefficients`);
    const big = message.find((m) => m >= t);
    if (big !== undefined) throw new UsageError(`--value must be below the plaintext modulus t = ${t}`, { details: `got ${big}` });
    io.stderr.write('encrypting and proving…\n');
    const encrypted = client.encryptInput({ publicKey, message });
    const input = await client.proveInput({ e3Id, encrypted });
    const r = await client.submitInput({ input });
    if (v.json) io.stdout.write(jsonText({ e3Id, index: r.index, txHash: r.txHash, inputHash: r.inputHash, inputRoot: r.inputRoot, gasUsed: r.gasUsed, mode: input.mode }) + '\n');
    else io.stdout.write(`input ${r.index} accepted for E3 ${e3Id} (tx ${r.txHash}, ${r.gasUsed} gas, ${input.mode})\n`);
    return 0;
  } finally {
    await client.prover?.close?.();
  }
}
