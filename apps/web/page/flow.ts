/**
 * The steps an app page takes on an E3, through the SDK: request it (the app's description goes
 * to the server), encrypt + prove + submit one input vector with progress, read the verified
 * result. Shared by the ballot and the data pool: both encode their input as a vector of
 * coefficients (one-hot ballot; counts per disease) that the program sums coefficient-wise.
 */
import { paramSetId, type E3View } from '@interfold/sdk';
import type { Hex } from 'viem';
import { cfg, client, currentAccount } from './app.js';
import { setProveProgress } from './prover.js';
import type { AppMeta } from '../src/server/polls.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Windows (seconds) of the E3s the pages request: short on a local network, where the page can move the clock. */
export type Windows = { input: bigint };

export async function requestAppE3(meta: DistributiveOmit<AppMeta, 'e3Id'>, w: Windows, say: (m: string) => void): Promise<{ e3Id: bigint; txHash: Hex }> {
  const c = cfg();
  if (!currentAccount()) throw new Error('choose an account first (it pays the fee)');
  const params = c.paramSets[0];
  if (!params) throw new Error('the deployment allows no parameter set');
  say(`requesting an E3 at ${params} (committee ${c.committee.n}, threshold ${c.committee.threshold})…`);
  const r = await client().requestE3({
    params,
    committeeSize: c.committee.n,
    threshold: c.committee.threshold,
    ...(c.computeProvider ? { computeProvider: c.computeProvider } : {}),
    windows: { sortition: 5n, dkg: 60n, inputOpensAfter: 75n, input: w.input, compute: 600n, decryption: 600n },
  });
  const res = await fetch('/api/apps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...meta, e3Id: r.e3Id.toString() }) });
  if (!res.ok) throw new Error(`the server did not record the description: ${((await res.json()) as { error?: string }).error ?? res.status}`);
  return { e3Id: r.e3Id, txHash: r.txHash };
}

export function paramsNameOf(e3: E3View): string {
  const name = cfg().paramSets.find((n) => paramSetId(n).toLowerCase() === e3.paramSet.toLowerCase());
  if (!name) throw new Error(`the E3 uses a parameter set this server does not serve (${e3.paramSet})`);
  return name;
}

/** Encrypts `vector` under the E3's checked key, proves it (witness here, proof by the server) and submits it. */
export async function submitVector(e3Id: bigint, vector: readonly bigint[], say: (m: string) => void): Promise<{ index: bigint; txHash: Hex; gasUsed: bigint }> {
  if (!currentAccount()) throw new Error('choose an account first (it signs the input)');
  // No stage or window check here: the chain is the judge (submitInput simulates first and
  // reports the contract's reason, e.g. InputWindowClosed).
  const e3 = await client().getE3({ e3Id });
  const c = client(paramsNameOf(e3));
  say('fetching the committee key (checked against its on-chain hash and commitment)…');
  const { publicKey } = await c.getPublicKey({ e3Id });
  say('encrypting in this page…');
  const encrypted = c.encryptInput({ publicKey, message: vector.map((x) => Number(x)) });
  const t0 = performance.now();
  setProveProgress((s) =>
    say(s === 'witness' ? 'solving the proof witness in this page (noir_js WebAssembly)…' : `proving on the local server (native UltraHonk prover; witness solved in ${Math.round(performance.now() - t0)} ms)…`),
  );
  let input;
  try {
    input = await c.proveInput({ e3Id, encrypted });
  } finally {
    setProveProgress(undefined);
  }
  say(`proof made in ${((performance.now() - t0) / 1000).toFixed(1)} s; submitting (the chain verifies it)…`);
  const r = await c.submitInput({ input });
  return { index: r.index, txHash: r.txHash, gasUsed: r.gasUsed };
}

/** Moves a dev chain's clock (server `/api/dev/warp`). */
export async function warpTo(ts: bigint): Promise<void> {
  const res = await fetch('/api/dev/warp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: ts.toString() }) });
  if (!res.ok) throw new Error(`could not move the clock: ${((await res.json()) as { error?: string }).error ?? res.status}`);
}

export async function appMetas(): Promise<AppMeta[]> {
  return (await (await fetch('/api/apps')).json()) as AppMeta[];
}

export const fmtTime = (unix: number | bigint): string => new Date(Number(unix) * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
