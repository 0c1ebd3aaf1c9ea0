/**
 * The steps an app page takes on an E3, through the SDK: request it (the app's description goes
 * to the server), encrypt + prove + submit one input vector with progress, read the verified
 * result. Shared by the ballot and the data pool: both encode their input as a vector of
 * coefficients (one-hot ballot; counts per disease) that the program sums coefficient-wise.
 */
import { InputRejectedError, paramSetId, type E3Client, type E3View, type InputProver } from '@interfold/sdk';
import type { Address, Hex } from 'viem';
import { cfg, client, currentAccount } from './app.js';
import { setProveProgress } from './prover.js';
import type { AppMeta } from '../src/server/polls.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Windows (seconds) of the E3s the pages request: short on a local network, where the page can move the clock. */
export type Windows = { input: bigint };

/** A program's circuit shape prepared by the server: its verifier and input adapter in front of the app's registered program. */
export type Prepared = { key: string; programId: string; program: Address; inputAdapter: Address };

/** Asks the server for the shape's input adapter (deployed on first use, reused after). */
export async function prepareProgram(circuit: string, say: (m: string) => void): Promise<Prepared> {
  const params = cfg().paramSets[0];
  if (!params) throw new Error('the deployment allows no parameter set');
  say(`preparing the input circuit ${circuit} and its adapter on chain (the first poll or pool of a shape compiles and deploys it; later ones reuse it)…`);
  const res = await fetch('/api/programs/prepare', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ params, circuit }) });
  const j = (await res.json()) as Prepared & { error?: string; details?: string };
  if (!res.ok) throw new Error(`the server could not prepare ${circuit}: ${j.error ?? res.status}${j.details ? ` (${j.details})` : ''}`);
  return j;
}

/**
 * Requests an E3 of the app's program with the shape's adapter as input verifier, lets the app fix
 * its request-time parameters on chain (`configure`, by the requester, before inputs open), and
 * records the app's description on the server.
 */
export async function requestAppE3(
  meta: DistributiveOmit<AppMeta, 'e3Id' | 'circuit' | 'program' | 'inputAdapter'>,
  w: Windows,
  say: (m: string) => void,
  program: { prepared: Prepared; configure(e3Id: bigint): Promise<Hex> },
): Promise<{ e3Id: bigint; txHash: Hex }> {
  const c = cfg();
  if (!currentAccount()) throw new Error('choose an account first (it pays the fee)');
  const params = c.paramSets[0];
  if (!params) throw new Error('the deployment allows no parameter set');
  const p = program.prepared;
  say(`requesting an E3 at ${params} (program ${p.programId}, committee ${c.committee.n}, threshold ${c.committee.threshold})…`);
  const r = await client().requestE3({
    params,
    programId: BigInt(p.programId),
    verifiers: { input: p.inputAdapter },
    committeeSize: c.committee.n,
    threshold: c.committee.threshold,
    ...(c.computeProvider ? { computeProvider: c.computeProvider } : {}),
    // A generous DKG window: a loaded machine may run two DKGs at once (longer with DKG proofs on);
    // on a dev chain the page opens the input window as soon as the key is out.
    windows: { sortition: 5n, dkg: 240n, inputOpensAfter: 255n, input: w.input, compute: 600n, decryption: 600n },
  });
  say(`E3 ${r.e3Id} requested; fixing its parameters on chain…`);
  const tx = await program.configure(r.e3Id);
  const receipt = await client().publicClient.waitForTransactionReceipt({ hash: tx });
  if (receipt.status !== 'success') throw new Error(`configuring E3 ${r.e3Id} reverted (${tx})`);
  const body = { ...meta, e3Id: r.e3Id.toString(), circuit: p.key, program: p.program, inputAdapter: p.inputAdapter };
  const res = await fetch('/api/apps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`the server did not record the description: ${((await res.json()) as { error?: string }).error ?? res.status}`);
  return { e3Id: r.e3Id, txHash: r.txHash };
}

/** The requester's contract call (configure) through the page's wallet. */
export async function writeAsRequester(call: Parameters<NonNullable<E3Client['walletClient']>['writeContract']>[0]): Promise<Hex> {
  const wallet = client().walletClient;
  if (!wallet) throw new Error('choose an account first');
  return wallet.writeContract(call);
}

export function paramsNameOf(e3: E3View): string {
  const name = cfg().paramSets.find((n) => paramSetId(n).toLowerCase() === e3.paramSet.toLowerCase());
  if (!name) throw new Error(`the E3 uses a parameter set this server does not serve (${e3.paramSet})`);
  return name;
}

/**
 * Encrypts `vector` under the E3's checked key, proves it with the program's input circuit
 * (witness here, proof by the server) and submits it. A refusal by the chain carries the
 * contract's error and, for `InputRejected`, the input adapter's reason (its `inputStatus`).
 */
export async function submitVector(e3Id: bigint, vector: readonly bigint[], say: (m: string) => void, program: { inputAdapter: Address; prover: (params: string) => InputProver }): Promise<{ index: bigint; txHash: Hex; gasUsed: bigint }> {
  if (!currentAccount()) throw new Error('choose an account first (it signs the input)');
  // No stage or window check here: the chain is the judge (submitInput simulates first and
  // reports the contract's reason, e.g. InputWindowClosed).
  const e3 = await client().getE3({ e3Id });
  const c = client(undefined, program.prover(paramsNameOf(e3)));
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
    input = await c.proveInput({ e3Id, encrypted, mode: 'calldata' });
  } finally {
    setProveProgress(undefined);
  }
  say(`proof made in ${((performance.now() - t0) / 1000).toFixed(1)} s; submitting (the chain verifies it)…`);
  try {
    const r = await c.submitInput({ input });
    return { index: r.index, txHash: r.txHash, gasUsed: r.gasUsed };
  } catch (e) {
    if (!(e instanceof InputRejectedError) || !/^InputRejected\(/.test(e.details ?? '')) throw e;
    const res = await fetch('/api/programs/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ e3Id: e3Id.toString(), inputAdapter: program.inputAdapter, submitter: input.submitter, data: input.data }) });
    const st = (await res.json()) as { name?: string; reason?: string; error?: string };
    throw new InputRejectedError('the chain rejected the input', { details: `${e.details}\ninput adapter: ${st.name ?? '?'}: ${st.reason ?? st.error ?? res.status}`, cause: e });
  }
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
