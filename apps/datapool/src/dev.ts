/**
 * `e3 dev --program datapool` (packages/cli/src/dev/program.ts loads this module): a pool of eight
 * counts in [0, 1000] per hospital (the run's input accounts; the committed circuit shape, so the
 * compile cache is shared), released only if at least two distinct hospitals contribute. The CLI calls `createDevProgram` (circuit compiled and keyed
 * before the chain starts), `deploy` (circuit verifier, DataPoolProgram, its adapter; registered),
 * `configure` (the minimum, before inputs open), `prove` per hospital, and `check` on the
 * decrypted words. The daemons run `module` (createProgram). Counts come from the OS CSPRNG.
 */
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { BfvParameters, PublicKey } from '@interfold/bfv';
import type { Deployment, Signer } from '@interfold/contracts';
import type { Address, Hex } from 'viem';
import { configurePool, dataPoolCircuit, deployDataPool, proveContribution } from './chain.js';
import type { DataPoolConfig } from './config.js';
import { plainDataPool, type PoolSums } from './decode.js';
import { dataPoolProgram } from './program.js';

export type DevBinding = { readonly chainId: number; readonly orchestrator: Address; readonly e3Id: bigint; readonly publicKey: PublicKey; readonly submitter: Address };

export async function createDevProgram(o: { readonly params: BfvParameters; readonly inputs: number }) {
  const config: DataPoolConfig = { fields: ['flu', 'covid', 'rsv', 'measles', 'mumps', 'pertussis', 'tb', 'other'], maxCount: 1000n, minContributors: Math.min(2, o.inputs), maxContributors: Math.max(o.inputs, 2) };
  const circuit = await dataPoolCircuit(o.params, config);
  const counts = Array.from({ length: o.inputs }, () => config.fields.map(() => BigInt(randomInt(0, 1001))));
  const show = (s: PoolSums) => config.fields.map((f) => `${f}=${s[f]}`).join(',');
  // One proof at a time on this circuit's prover (the CLI may ask for two inputs at once).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = queue.then(f);
    queue = p.catch(() => undefined);
    return p;
  };
  return {
    name: 'datapool',
    module: fileURLToPath(new URL('./module.ts', import.meta.url)),
    detail: `data-pool circuit (${config.fields.length} counts in [0, ${config.maxCount}]): ${circuit.inner.circuit.stats.gates.toLocaleString('en-US')} gates`,
    /** The values the report lists (each hospital's first count). */
    values: counts.map((c) => Number(c[0])),
    deploy: (deployer: Signer, deployment: Deployment) => deployDataPool(deployer, deployment, circuit, dataPoolProgram.name),
    configure: (requester: Signer, program: Address, e3Id: bigint) => configurePool(requester, program, e3Id, config),
    prove: (i: number, b: DevBinding): Promise<Hex> => serial(() => proveContribution(circuit, { ...b, params: o.params, config, counts: counts[i]! })),
    check(words: readonly bigint[] | undefined): { result: string | null; expected: string; correct: boolean } {
      const expected = show(plainDataPool(config, counts));
      if (!words || words.length > config.fields.length) return { result: words ? words.join(',') : null, expected, correct: false };
      const got: Record<string, bigint> = {};
      config.fields.forEach((f, j) => (got[f] = words[j] ?? 0n));
      const result = show(got);
      return { result, expected, correct: result === expected };
    },
    close: () => circuit.close(),
  };
}
