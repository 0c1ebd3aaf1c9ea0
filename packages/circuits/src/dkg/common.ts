/**
 * Shared pieces of the DKG witness builders (issue 9): the session and party binding, centred
 * views of ring polynomials, shifting and hex encoding of witness vectors.
 */
import type { BfvParameters } from '@interfold/bfv';
import type { RnsPoly as RingPoly } from '@interfold/ring';
import { CircuitInputError } from '../errors.js';
import { FR_MODULUS, fieldToHex } from '../poseidon2/field.js';
import { commitRnsPolys, type RnsPoly } from '../commitments/rns.js';
import { DKG_DOMAINS } from './domains.js';

/**
 * The session id (threshold's 32-byte `Session.id`) as a field element: big-endian, mod p
 * (FORMATS.md). Public input of every DKG proof and absorbed into every challenge.
 */
export function sessionField(id: Uint8Array): bigint {
  if (!(id instanceof Uint8Array) || id.length !== 32) throw new CircuitInputError('session id must be 32 bytes', { details: `got ${id?.length}` });
  let v = 0n;
  for (const b of id) v = (v << 8n) | BigInt(b);
  return v % FR_MODULUS;
}

/** A party id (1..n) checked and returned as a field element. */
export function partyField(party: number, n: number): bigint {
  if (!Number.isSafeInteger(party) || party < 1 || party > n) throw new CircuitInputError('party id out of range', { details: `${party} not in 1..${n}` });
  return BigInt(party);
}

/** Centred coefficients of a coefficient-form ring polynomial, limb after limb. */
export function centred(params: Pick<BfvParameters, 'ring'>, p: RingPoly): RnsPoly {
  if (p.isNtt) throw new CircuitInputError('polynomial must be in coefficient form');
  return p.limbs.map((limb, l) => {
    const m = params.ring.moduli[l]!;
    return Array.from(limb, (v) => BigInt(m.center(v)));
  });
}

/** The commitment to the session's common random polynomial a (C1, C5 public input). */
export function crpCommitment(params: Pick<BfvParameters, 'ring' | 'moduli' | 'N'>, a: RingPoly): bigint {
  return commitRnsPolys(DKG_DOMAINS.CRP, [centred(params, a)], params.moduli, params.N);
}

export const shift = (v: readonly bigint[], b: bigint): bigint[] => v.map((x) => x + b);
export const hexes = (v: readonly bigint[]): string[] => v.map(fieldToHex);
export const halfQ = (q: bigint): bigint => (q - 1n) / 2n;

/** An RnsPoly shifted by (q_l − 1)/2 per limb, flattened limb after limb. */
export function shiftRns(p: RnsPoly, moduli: readonly bigint[]): bigint[] {
  return p.flatMap((limb, l) => shift(limb, halfQ(moduli[l]!)));
}

export function checkRange(name: string, v: readonly bigint[], len: number, lo: bigint, hi: bigint): void {
  if (v.length !== len) throw new CircuitInputError(`witness ${name} has length ${v.length}, expected ${len}`);
  for (const [j, c] of v.entries()) {
    if (c < lo || c > hi) throw new CircuitInputError(`witness ${name} out of range`, { details: `${name}[${j}] = ${c} not in [${lo}, ${hi}]` });
  }
}
