/**
 * `e3 dev --program ballot` (packages/cli/src/dev/program.ts loads this module): a 3-option poll
 * whose allowlist is the run's input accounts. The CLI calls, in order: `createDevProgram` (the
 * ballot circuit compiled and keyed before the chain starts), `deploy` (circuit verifier,
 * BallotProgram, its adapter; registered), `configure` (the allowlist root, before inputs open),
 * `prove` per voter (encrypt, prove, encode), and `check` on the decrypted words. The daemons run
 * `module` (createProgram). Choices come from the OS CSPRNG; the expected tally is the plain
 * tally of the same choices (each voter votes once).
 */
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { BfvParameters, PublicKey } from '@interfold/bfv';
import { BallotCircuit } from '@interfold/circuits';
import type { Deployment, Signer } from '@interfold/contracts';
import type { Address, Hex } from 'viem';
import { configurePoll, deployBallot, proveBallot } from './chain.js';
import { makePoll, type Poll } from './config.js';
import { plainTally, type Tally } from './decode.js';
import { BallotOutputError } from './errors.js';
import { ballotProgram } from './program.js';

const OPTIONS = ['yes', 'no', 'abstain'] as const;

export type DevBinding = { readonly chainId: number; readonly orchestrator: Address; readonly e3Id: bigint; readonly publicKey: PublicKey; readonly submitter: Address };

const show = (t: Tally) => OPTIONS.map((o) => `${o}=${t[o]}`).join(',');

export async function createDevProgram(o: { readonly params: BfvParameters; readonly inputs: number }) {
  const depth = Math.max(2, Math.ceil(Math.log2(Math.max(2, o.inputs))));
  const circuit = await BallotCircuit.load(o.params, { options: OPTIONS.length, depth });
  const choices = Array.from({ length: o.inputs }, () => randomInt(0, OPTIONS.length));
  let poll: Poll | undefined;
  // One proof at a time on this circuit's prover (the CLI may ask for two inputs at once).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = queue.then(f);
    queue = p.catch(() => undefined);
    return p;
  };
  return {
    name: 'ballot',
    module: fileURLToPath(new URL('./module.ts', import.meta.url)),
    detail: `ballot circuit (${OPTIONS.length} options, allowlist depth ${depth}): ${circuit.inner.circuit.stats.gates.toLocaleString('en-US')} gates`,
    /** The values the report lists (the option index of each ballot). */
    values: choices,
    deploy: (deployer: Signer, deployment: Deployment) => deployBallot(deployer, deployment, circuit, ballotProgram.name),
    async configure(requester: Signer, program: Address, e3Id: bigint, voters: readonly Address[]): Promise<void> {
      poll = makePoll(o.params, { options: [...OPTIONS], voters, depth });
      await configurePoll(requester, program, e3Id, poll);
    },
    prove(i: number, b: DevBinding): Promise<Hex> {
      if (!poll) throw new BallotOutputError('configure the poll before proving ballots');
      const current = poll;
      return serial(() => proveBallot(circuit, { ...b, params: o.params, poll: current, voter: b.submitter, choice: choices[i]! }));
    },
    /** The decrypted words (coefficients, trailing zeros trimmed) against the plain tally. */
    check(words: readonly bigint[] | undefined): { result: string | null; expected: string; correct: boolean } {
      if (!poll) throw new BallotOutputError('no poll');
      const expected = show(plainTally(poll, choices));
      if (!words || words.length > OPTIONS.length) return { result: words ? words.join(',') : null, expected, correct: false };
      const got: Record<string, bigint> = {};
      OPTIONS.forEach((opt, j) => (got[opt] = words[j] ?? 0n));
      const result = show(got);
      return { result, expected, correct: result === expected };
    },
    close: () => circuit.close(),
  };
}
