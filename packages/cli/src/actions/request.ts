/** `e3 request` through the SDK's requestE3. */
import { getAddress, isAddress, type Address } from 'viem';
import type { Io } from '../args.js';
import { connect, resolveAccount } from '../context.js';
import { UsageError } from '../errors.js';
import { jsonText } from '../json.js';
import { sdkClient } from '../sdkClient.js';

type V = {
  params: string;
  n: number;
  threshold?: number;
  'program-id'?: string;
  fee?: string;
  'compute-provider'?: string;
  'sortition-window': number;
  'dkg-window': number;
  'input-window': number;
  json: boolean;
  'rpc-url'?: string;
  deployment: string;
  'key-file'?: string;
  'dev-account'?: number;
};

const uint = (name: string, raw: string | undefined): bigint | undefined => {
  if (raw === undefined) return undefined;
  if (!/^[0-9]+$/.test(raw)) throw new UsageError(`--${name} expects a whole number`, { details: `got "${raw}"` });
  return BigInt(raw);
};

export async function requestAction(v: V, io: Io): Promise<number> {
  const threshold = v.threshold ?? Math.max(1, Math.floor((v.n - 1) / 2));
  if (threshold >= v.n) throw new UsageError('--threshold must be below --n', { details: `n = ${v.n}, T = ${threshold}` });
  let provider: Address | undefined;
  if (v['compute-provider'] !== undefined) {
    if (!isAddress(v['compute-provider'])) throw new UsageError('--compute-provider is not an address', { details: v['compute-provider'] });
    provider = getAddress(v['compute-provider']);
  }
  const account = resolveAccount(v, io.env);
  const ctx = await connect(v);
  const client = await sdkClient(ctx, account);
  const programId = uint('program-id', v['program-id']);
  const fee = uint('fee', v.fee);
  const r = await client.requestE3({
    params: v.params,
    committeeSize: v.n,
    threshold,
    ...(programId !== undefined ? { programId } : {}),
    ...(fee !== undefined ? { fee } : {}),
    ...(provider ? { computeProvider: provider } : {}),
    windows: { sortition: BigInt(v['sortition-window']), dkg: BigInt(v['dkg-window']), input: BigInt(v['input-window']) },
  });
  if (v.json) io.stdout.write(jsonText({ e3Id: r.e3Id, txHash: r.txHash, gasUsed: r.gasUsed, schedule: r.schedule }) + '\n');
  else {
    const s = r.schedule;
    const t = (x: bigint): string => new Date(Number(x) * 1000).toISOString();
    io.stdout.write(
      [
        `E3 ${r.e3Id} requested (tx ${r.txHash}, ${r.gasUsed} gas)`,
        `  sortition until  ${t(s.sortitionDeadline)}`,
        `  key by           ${t(s.keyDeadline)}`,
        `  inputs           ${t(s.inputStart)} → ${t(s.inputEnd)}`,
        `  next: e3 submit --e3-id ${r.e3Id} --value <n> … once the key is out (e3 status --e3-id ${r.e3Id})`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}
