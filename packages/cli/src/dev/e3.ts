/**
 * The E3 of `e3 dev`, through the SDK exactly as a requester and its users would drive it:
 * requestE3 → (committee, DKG: the daemons) → getPublicKey (checked against the chain) →
 * encryptInput + proveInput + submitInput per user → (compute, decryption: the daemons) →
 * getResult (checked against what the chain verified) → compared with the sum computed here.
 */
import { randomInt } from 'node:crypto';
import { Stage, type Deployment } from '@interfold/contracts';
import { createE3Client, type E3Client, type E3View } from '@interfold/sdk';
import { nodeProver } from '@interfold/sdk/node';
import type { Address } from 'viem';
import { E3FailedError, WaitTimeoutError } from '../errors.js';
import type { LocalChain } from './chain.js';
import type { LocalClock } from './clock.js';
import { unpackPlaintextWords } from './decryption.js';
import { withoutTrailingZeros } from '../nodeApi.js';
import { computeAndPublish } from './compute.js';
import { programOf, submitProgramInput, type DeployedDevProgram } from './program.js';
import { mapConcurrent } from './pool.js';
import type { Progress } from './progress.js';
import { warpWhenTicketsIn } from './sortition.js';

/**
 * Inputs proved at once. The witness of one (noir_js, in this process) overlaps the native bb
 * proof of another, and each is submitted as soon as it is proved; more would only queue on
 * bb and hold memory.
 */
const INPUT_CONCURRENCY = 2;

export const E3_STAGES = [
  { key: 'request', label: 'request' },
  { key: 'committee', label: 'committee' },
  { key: 'dkg', label: 'dkg + key' },
  { key: 'inputs', label: 'inputs' },
  { key: 'compute', label: 'compute' },
  { key: 'decryption', label: 'decryption' },
  { key: 'verify', label: 'verify' },
] as const;

export type E3Options = {
  n: number;
  threshold: number;
  params: string;
  inputs: number;
  program: string;
  /** --program ballot|datapool (program.ts); undefined for the built-in sum. */
  devProgram?: DeployedDevProgram;
  timeoutS: number;
  signal: AbortSignal;
  /**
   * A ciphernode's operator address: that daemon computes (on chain time, docs/node/daemon.md).
   * Absent: this process computes as the requester (compute.ts), the fallback.
   */
  computeProvider?: Address;
  /**
   * The E3's decryption verifier: the deployment's DecryptionProofAdapter when the daemons prove
   * (the default; its plaintext is C7's packed words), else the deployment's default.
   */
  decryptionVerifier?: Address;
  /** The E3's public-key verifier: the deployment's PkAggregateAdapter with --fold, else the deployment's default. */
  pkVerifier?: Address;
};

/**
 * A daemon acting as compute provider waits this long (chain time) past the input window's
 * close: min(15 s, its aggregator timeout) plus one second. Every input is in, so on the local
 * chain the clock jumps over it.
 */
const COMPUTE_MARGIN_S = 16n;

export type E3Outcome = {
  e3Id: bigint;
  inputs: number[];
  result: string | null;
  expected: string;
  correct: boolean;
  /** Proofs this run made itself and publications the chain accepted through a proof verifier. */
  proofs: { generated: number; verified_on_chain: number };
  /** The contract that accepted the plaintext (report.ts). */
  decryptionVerifier: string;
  /** The contract that accepted the public key (report.ts). */
  pkVerifier: string;
};

/**
 * Windows (seconds). Generous for a slow machine, yet no longer than needed: on the local chain the
 * clock jumps over what is left of them, and a kept network's chain time then runs ahead of the
 * wall clock by that much (docs/CLI.md).
 */
function windowsFor(params: string, inputs: number, proofs: boolean) {
  const production = !params.includes('INSECURE');
  return {
    sortition: 5n,
    // Proofs on: each member proves C0, C1, C2a/b, C4a/b and checks everyone else's (a loaded
    // 2-core machine needs minutes; the clock skips what is left once the key is on chain).
    dkg: production ? 1800n : proofs ? 900n : 180n,
    input: BigInt(60 + inputs * (production ? 300 : 60)),
    compute: 900n,
    decryption: production ? 1800n : 900n,
  };
}

/** Resolves once the E3 reaches `target` (or later); a failed E3 is an E3FailedError. */
async function waitForStage(client: E3Client, e3Id: bigint, target: number, deadline: number, signal: AbortSignal): Promise<E3View> {
  const ctl = new AbortController();
  const onAbort = (): void => ctl.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => ctl.abort(), Math.max(0, deadline - Date.now()));
  try {
    for await (const e of client.watchE3({ e3Id, signal: ctl.signal })) {
      if (e.stage === Stage.Failed) throw new E3FailedError(`E3 ${e3Id} failed on chain: ${e.failureName}`, { hint: `the daemons' logs are in the state directory; \`e3 status --e3-id ${e3Id}\`` });
      if (e.stage >= target) return e;
    }
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
    throw new WaitTimeoutError(`E3 ${e3Id} did not reach stage ${Object.keys(Stage)[target]} in time`, { hint: 'raise --timeout, or read the daemon logs' });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

function usesProofVerifier(d: Deployment, verifier: Address): boolean {
  return verifier.toLowerCase() !== d.contracts.quorumVerifier.toLowerCase();
}

export async function runE3(chain: LocalChain, clock: LocalClock, progress: Progress, o: E3Options): Promise<E3Outcome> {
  const deadline = Date.now() + o.timeoutS * 1000;
  const prover = nodeProver();
  const clientFor = (account: LocalChain['requester']['account']): E3Client =>
    createE3Client({ rpcUrl: chain.anvil.rpcUrl, account, deployment: chain.deployment, prover, pollingInterval: 100 });
  const requester = clientFor(chain.requester.account);
  try {
    progress.start('request');
    const windows = windowsFor(o.params, o.inputs, o.decryptionVerifier !== undefined);
    const req = await requester.requestE3({
      params: o.params,
      committeeSize: o.n,
      threshold: o.threshold,
      // A daemon (o.computeProvider) or, as the fallback, this process (compute.ts).
      computeProvider: o.computeProvider ?? chain.requester.account.address,
      // A program input is proved by the app's own circuit, slower than the sum's on a loaded machine:
      // a wider window (the clock skips what is left of it once every input is in).
      windows: o.devProgram ? { ...windows, input: windows.input * 3n } : windows,
      ...(o.devProgram ? { programId: o.devProgram.programId } : {}),
      verifiers: {
        ...(o.devProgram ? { input: o.devProgram.inputAdapter } : {}),
        ...(o.decryptionVerifier ? { decryption: o.decryptionVerifier } : {}),
        ...(o.pkVerifier ? { publicKey: o.pkVerifier } : {}),
      },
    });
    // The program's request-time parameters (allowlist root, minimum), fixed before inputs open.
    await o.devProgram?.configure(chain.requester, o.devProgram.program, req.e3Id, chain.submitters.map((s) => s.account.address));
    const e3Id = req.e3Id;
    progress.done('request', `E3 ${e3Id}`);

    progress.start('committee', `sortition window ${windows.sortition} s`);
    // The seed is the prevrandao of a block a few blocks ahead: empty blocks cost nothing here.
    await clock.mineTo(req.schedule.seedBlock);
    // Every operator's ticket in: nothing can change the committee any more, skip the idle rest of the window.
    const warp = warpWhenTicketsIn(chain.requester, chain.deployment, clock, {
      e3Id,
      operators: o.n,
      sortitionDeadline: req.schedule.sortitionDeadline,
      fromBlock: req.schedule.requestBlock,
    });
    try {
      await waitForStage(requester, e3Id, Stage.CommitteeFinalized, deadline, o.signal);
    } finally {
      warp.stop();
      await warp.done.catch(() => false); // a failed poll only loses the shortcut
    }
    progress.done('committee');

    progress.start('dkg', `${o.n} members, T = ${o.threshold}`);
    await waitForStage(requester, e3Id, Stage.KeyPublished, deadline, o.signal);
    progress.done('dkg');

    // Only time separates the key from the input window now: jump to its opening.
    await clock.warpTo(req.schedule.inputStart);
    progress.start('inputs', `0/${o.inputs}`);
    const { publicKey } = await requester.getPublicKey({ e3Id });
    const values = o.devProgram ? [...o.devProgram.values] : Array.from({ length: o.inputs }, () => randomInt(0, 100));
    let generated = 0;
    let accepted = 0;
    await mapConcurrent(values, INPUT_CONCURRENCY, async (value, i) => {
      if (o.signal.aborted) return;
      const user = clientFor(chain.submitters[i].account);
      const encrypted = user.encryptInput({ publicKey, message: [value] });
      const binding = { chainId: chain.anvil.chainId, orchestrator: chain.deployment.contracts.orchestrator, e3Id, publicKey, rpcUrl: chain.anvil.rpcUrl };
      if (o.devProgram) await submitProgramInput(o.devProgram, chain.submitters[i], i, binding);
      else await user.submitInput({ input: await user.proveInput({ e3Id, encrypted }) });
      generated++;
      progress.note('inputs', `${++accepted}/${o.inputs} encrypted, proved, accepted`);
    });
    progress.done('inputs', `${o.inputs} accepted`);
    // Every input is in: close the window.
    await clock.warpTo(req.schedule.inputEnd + 1n + (o.computeProvider ? COMPUTE_MARGIN_S : 0n));

    progress.start('compute', `${o.program} over the accepted inputs`);
    if (o.computeProvider) {
      await waitForStage(requester, e3Id, Stage.CiphertextReady, deadline, o.signal);
      progress.done('compute', `output posted by the daemon ${o.computeProvider.slice(0, 10)}`);
    } else {
      const out = await computeAndPublish(chain, chain.requester, e3Id, o.devProgram ? [await programOf(o.devProgram)] : []);
      await waitForStage(requester, e3Id, Stage.CiphertextReady, deadline, o.signal);
      progress.done('compute', `output over ${out.inputs} inputs posted`);
    }

    progress.start('decryption');
    await waitForStage(requester, e3Id, Stage.Complete, deadline, o.signal);
    progress.done('decryption');

    progress.start('verify');
    const r = await requester.getResult({ e3Id, settleMs: 5_000 });
    const t = BigInt(publicKey.params.t);
    const d = chain.deployment;
    const is = (a: Address | undefined) => a !== undefined && r.e3.decryptionVerifier.toLowerCase() === a.toLowerCase();
    const viaFold = is(d.contracts.decryptionAggregateAdapter);
    const viaProofs = is(d.contracts.decryptionProofAdapter) || viaFold;
    // DecryptionProofAdapter's plaintext is C7's packed words: back to one coefficient per entry,
    // trailing zeros dropped as the committee's signed output drops them (node core's own helper),
    // so a program's check sees the same words on both paths.
    const words = viaProofs && r.words ? withoutTrailingZeros(unpackPlaintextWords(r.words, t, publicKey.params.N)) : r.words;
    const checked = o.devProgram?.check(words);
    const expected = checked?.expected ?? (values.reduce((a, b) => a + BigInt(b), 0n) % t);
    const result = checked ? checked.result : (words?.[0] ?? null);
    const correct = checked ? checked.correct : result === expected;
    progress[correct ? 'done' : 'fail']('verify', correct ? `plaintext hash matches the chain; result ${result}` : `got ${String(result)}, expected ${expected}`);
    // Proofs verified on chain: one per input, one for a proved key, and for the plaintext T + 1 C6
    // proofs and one C7 proof through DecryptionProofAdapter (one for the fold or another proof verifier).
    const decryptionProofs = viaFold ? 1 : viaProofs ? o.threshold + 2 : usesProofVerifier(d, r.e3.decryptionVerifier) ? 1 : 0;
    const verified = o.inputs + (usesProofVerifier(d, r.e3.pkVerifier) ? 1 : 0) + decryptionProofs;
    return {
      e3Id,
      inputs: values,
      result: result === null ? null : result.toString(),
      expected: expected.toString(),
      correct,
      proofs: { generated, verified_on_chain: verified },
      decryptionVerifier: viaFold ? 'DecryptionAggregateAdapter' : viaProofs ? 'DecryptionProofAdapter' : usesProofVerifier(d, r.e3.decryptionVerifier) ? r.e3.decryptionVerifier : 'CommitteeQuorumVerifier',
      pkVerifier:
        d.contracts.pkAggregateAdapter !== undefined && r.e3.pkVerifier.toLowerCase() === d.contracts.pkAggregateAdapter.toLowerCase()
          ? 'PkAggregateAdapter'
          : usesProofVerifier(d, r.e3.pkVerifier)
            ? r.e3.pkVerifier
            : 'CommitteeQuorumVerifier',
    };
  } finally {
    await prover.close?.();
  }
}
