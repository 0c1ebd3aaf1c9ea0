/**
 * `e3 dev --fold`, the public key's verifier (issue 9; docs/ZK.md "The key fold"): the key folds
 * (every member's recursive C1 proof and C5 in one circuit), compiled for the session shape the
 * daemons give this program's E3s, deployed behind a PkAggregateAdapter
 * (`deployInterfold({ pkAggregate })`), which the E3 names as its pk verifier.
 */
import { PkFoldCircuit, type CompiledVerifier } from '@interfold/circuits';
import { paramSetId, type DeployOptions, type Signer } from '@interfold/contracts';
import { DEFAULT_MAX_INPUTS, paramSetById, sessionFor, sumProgram, type Program } from '@interfold/node';
import type { Address } from 'viem';
import { deployVerifier } from './decryption.js';

/** What deployLocal takes for the public key's verifier with --fold: a key fold per |A| in T + 1 ..= n. */
export type KeyFoldDeployment = { pkAggregate: NonNullable<DeployOptions['pkAggregate']> };

/**
 * Loads the key fold (every member's recursive C1 proof and C5 in one circuit) for each size of
 * the authorised set from T + 1 to n — so an E3 whose DKG excluded up to n − T − 1 members still
 * has a fold to post — for the session shape the daemons give this program's E3s (first run on a
 * machine: compile, the recursive C1 key, each fold's keys and the development CRS up to 2^22 + 1
 * points at n = 3; then cached), and returns a deployer of their verifiers.
 */
export async function prepareKeyFoldVerifier(paramsName: string, n: number, threshold: number, program: Program = sumProgram(0n)): Promise<{ detail: string; deploy(signer: Signer): Promise<KeyFoldDeployment> }> {
  const set = paramSetById(paramSetId(paramsName));
  const session = sessionFor(set, program, { n, T: threshold, seed: new Uint8Array(32), maxInputs: DEFAULT_MAX_INPUTS });
  const folds: { members: number; verifier: CompiledVerifier; gates: number }[] = [];
  let c1Gates = 0;
  for (let D = threshold + 1; D <= n; D++) {
    const fold = await PkFoldCircuit.load(session, D);
    folds.push({ members: D, verifier: fold.outer.solidity, gates: fold.outer.stats.gates });
    c1Gates = fold.c1.circuit.stats.gates;
    await fold.close();
  }
  const detail = `key folds ${folds.map((f) => `|A| = ${f.members}: ${f.gates.toLocaleString('en-US')} gates`).join(', ')} (C1 ${c1Gates.toLocaleString('en-US')} gates, recursive)`;
  return {
    detail,
    async deploy(signer) {
      const verifiers: { members: number; verifier: Address }[] = [];
      for (const f of folds) verifiers.push({ members: f.members, verifier: await deployVerifier(signer, f.verifier) });
      return { pkAggregate: { verifiers } };
    },
  };
}
