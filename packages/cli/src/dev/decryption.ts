/**
 * The decryption verifiers of `e3 dev` with proofs on (the default): the UltraHonk verifiers of C6
 * (decryption share) and C7 (decode, for T + 1 shares) of the parameter set, compiled and keyed
 * by the circuits package (cached: the daemons load the same artifacts), deployed on the local
 * chain with their libraries linked; contracts' deployInterfold({ decryptionProofs }) then puts a
 * DecryptionProofAdapter in front of them and approves it for plaintexts (docs/ZK.md "Decryption
 * proofs"). The E3 names that adapter as its decryptionVerifier, so the plaintext is accepted only
 * with T + 1 verified C6 proofs and a C7 proof (≈ 8 M gas at INSECURE_N512, T = 1: docs/CLI.md).
 *
 * `--fold`: instead, the verifier of the decryption fold (T + 1 recursive C6 proofs and C7's
 * relations in one circuit, packages/circuits src/aggregate/decryption.ts) behind a
 * DecryptionAggregateAdapter (`deployInterfold({ decryptionAggregate })`): one verification.
 */
import { DecodeCircuit, DecryptionFoldCircuit, DecryptionShareCircuit, linkBytecode, type CompiledVerifier } from '@interfold/circuits';
import { parameterSet } from '@interfold/sdk';
import type { Signer } from '@interfold/contracts';
import { getAddress, type Address, type Hex } from 'viem';
import { CliError } from '../errors.js';

/** What deployLocal takes for the plaintext's verifier: the per-proof adapter's verifiers, or the fold's. */
export type DecryptionDeployment =
  | { decryptionProofs: { shareVerifier: Address; decodeVerifier: Address; shares: number } }
  | { decryptionAggregate: { verifier: Address; shares: number } };

/** A loaded decryption verifier set: its circuits' sizes for the progress line, and its deployer. */
export type PreparedDecryption = { detail: string; deploy(signer: Signer): Promise<DecryptionDeployment> };

async function deployCode(signer: Signer, bytecode: string): Promise<Address> {
  const hash = await signer.sendTransaction({ data: `0x${bytecode.replace(/^0x/, '')}` as Hex, gas: 25_000_000n });
  const r = await signer.waitForTransactionReceipt({ hash });
  if (r.status !== 'success' || !r.contractAddress) throw new CliError('decryption verifier deployment failed', { details: hash });
  return getAddress(r.contractAddress);
}

/** Deploys a compiled UltraHonk verifier, its libraries first (also keyFold.ts). */
export async function deployVerifier(signer: Signer, v: CompiledVerifier): Promise<Address> {
  const libs: Record<string, string> = {};
  for (const lib of v.libraries) libs[lib.name] = (await deployCode(signer, lib.bytecode)).slice(2).toLowerCase();
  return deployCode(signer, linkBytecode(v, libs));
}

/**
 * Loads C6 and C7 (T + 1 shares) for `paramsName` (first run on a machine: compile, keys and the
 * development CRS points they need; then cached) and returns a deployer of their verifiers.
 */
export async function prepareDecryptionVerifiers(paramsName: string, threshold: number): Promise<PreparedDecryption> {
  const params = parameterSet(paramsName);
  const c6 = await DecryptionShareCircuit.load(params);
  let c7: DecodeCircuit;
  try {
    c7 = await DecodeCircuit.load(params, threshold + 1);
  } catch (e) {
    await c6.close();
    throw e;
  }
  const verifiers = { c6: c6.circuit.solidity, c7: c7.circuit.solidity };
  const gates = `C6 ${c6.circuit.stats.gates.toLocaleString('en-US')} gates, C7 ${c7.circuit.stats.gates.toLocaleString('en-US')} gates`;
  // The daemons prove; this process only needs the verifiers' bytecode.
  await Promise.all([c6.close(), c7.close()]);
  return {
    detail: gates,
    async deploy(signer) {
      return { decryptionProofs: { shareVerifier: await deployVerifier(signer, verifiers.c6), decodeVerifier: await deployVerifier(signer, verifiers.c7), shares: threshold + 1 } };
    },
  };
}

/**
 * Loads the decryption fold for threshold T at `paramsName` (first run on a machine: compile, the
 * recursive C6 key, the fold's keys and the development CRS up to 2^21 + 1 points; then cached)
 * and returns a deployer of its verifier.
 */
export async function prepareFoldVerifier(paramsName: string, threshold: number): Promise<PreparedDecryption> {
  const fold = await DecryptionFoldCircuit.load(parameterSet(paramsName), threshold);
  const verifier = fold.outer.solidity;
  const detail = `decryption fold ${fold.outer.stats.gates.toLocaleString('en-US')} gates (C6 ${fold.c6.circuit.stats.gates.toLocaleString('en-US')} gates, recursive)`;
  await fold.close();
  return {
    detail,
    async deploy(signer) {
      return { decryptionAggregate: { verifier: await deployVerifier(signer, verifier), shares: threshold + 1 } };
    },
  };
}

/** C7's packed plaintext words → coefficients (coefficient 0 in the low bits of word 0; packPlaintext's inverse). */
export function unpackPlaintextWords(words: readonly bigint[], t: bigint, N: number): bigint[] {
  const width = BigInt((t - 1n).toString(2).length);
  const perWord = Math.floor(253 / Number(width));
  const mask = (1n << width) - 1n;
  const out: bigint[] = [];
  for (const w of words) {
    let x = w;
    for (let j = 0; j < perWord && out.length < N; j++) {
      out.push(x & mask);
      x >>= width;
    }
  }
  return out;
}
