/**
 * The user-encryption witness (the shape of @interfold/bfv's `encryptWithWitness` output, per
 * limb) and the circuit inputs built from it, including both Fiat-Shamir challenges, computed
 * with the TypeScript twins of the circuit's sponge and packing.
 */
import type { InputMap } from '@noir-lang/noir_js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { CircuitInputError } from '../errors.js';
import { Fr, FR_MODULUS, fieldToHex, toField } from '../poseidon2/field.js';
import { pack } from '../poseidon2/pack.js';
import { spongeHash } from '../poseidon2/sponge.js';
import { commitRnsPolys, type RnsPoly } from '../commitments/rns.js';
import { domainTag, DOMAINS } from '../commitments/domains.js';
import type { UserEncryptionLayout } from './layout.js';
import { ciphertextDigest, ciphertextEvaluation } from './ciphertext.js';

/** All integers; coefficient vectors lowest degree first; RNS ones per limb (centred). */
export type EncryptionWitness = {
  pk0: RnsPoly;
  pk1: RnsPoly;
  ct0: RnsPoly;
  ct1: RnsPoly;
  u: readonly bigint[];
  e0: readonly bigint[];
  e1: readonly bigint[];
  k1: readonly bigint[];
  r1: RnsPoly;
  r2: RnsPoly;
  p1: RnsPoly;
  p2: RnsPoly;
};

export type UserEncryptionPublicInputs = {
  pkCommitment: bigint;
  ctDigest: bigint;
  alpha: bigint;
  gamma: bigint;
  ctEval: bigint;
  /** Where the input may be used: `inputContext(chainId, orchestrator, e3Id, submitter)`. */
  context: bigint;
};

/**
 * What the proof is bound to besides the key and the ciphertext. `context` (a field element) is
 * absorbed into the first challenge; `ctDigest`, when given, replaces the calldata digest
 * keccak256(canonical encoding) — e.g. the digest of EIP-4844 blob versioned hashes
 * (`blobDigest`), for inputs whose ciphertext travels in blobs.
 */
export type InputBinding = { context: bigint; ctDigest?: bigint };

/** Public-input order of the circuit (main.nr): pk commitment, ct digest, alpha, gamma, ct eval, context. */
export function publicInputList(p: UserEncryptionPublicInputs): bigint[] {
  return [p.pkCommitment, p.ctDigest, p.alpha, p.gamma, p.ctEval, p.context];
}

function checkVec(name: string, v: readonly bigint[], len: number, lo?: bigint, hi?: bigint): void {
  if (!Array.isArray(v) || v.length !== len) throw new CircuitInputError(`witness ${name} has length ${v?.length}, expected ${len}`);
  for (const [j, c] of v.entries()) {
    if (typeof c !== 'bigint' || (lo !== undefined && c < lo) || (hi !== undefined && c > hi)) {
      throw new CircuitInputError(`witness ${name} out of range`, { details: `${name}[${j}] = ${c} not in [${lo}, ${hi}]` });
    }
  }
}

function checkRns(name: string, p: RnsPoly, l: UserEncryptionLayout, len: number, bound?: (i: number) => bigint): void {
  if (!Array.isArray(p) || p.length !== l.L) throw new CircuitInputError(`witness ${name} has ${p?.length} limbs, expected ${l.L}`);
  p.forEach((limb, i) => checkVec(`${name}[${i}]`, limb, len, bound ? -bound(i) : undefined, bound ? bound(i) : undefined));
}

/** Validates shapes and ranges (exactly what the circuit enforces). */
export function checkWitness(w: EncryptionWitness, l: UserEncryptionLayout): void {
  const half = (i: number) => (l.moduli[i]! - 1n) / 2n;
  for (const n of ['pk0', 'pk1', 'ct0', 'ct1'] as const) checkRns(n, w[n], l, l.N, half);
  checkVec('u', w.u, l.N, -1n, 1n);
  checkVec('e0', w.e0, l.N, -l.e.bound, l.e.bound);
  checkVec('e1', w.e1, l.N, -l.e.bound, l.e.bound);
  checkVec('k1', w.k1, l.N, 0n, l.t - 1n);
  checkRns('r1', w.r1, l, l.N, () => l.r1.bound);
  checkRns('p1', w.p1, l, l.N, () => l.p1.bound);
  checkRns('r2', w.r2, l, l.N - 1);
  checkRns('p2', w.p2, l, l.N - 1);
}

const shift = (v: readonly bigint[], b: bigint) => v.map((x) => x + b);
const hexes = (v: readonly bigint[]) => v.map(fieldToHex);
/** fieldToHex(x + b) for every x, without the intermediate shifted array. */
const shiftedHexes = (v: readonly bigint[], b: bigint) => v.map((x) => fieldToHex(x + b));

const PK_CACHE_SIZE = 4;
const pkCommitments = new Map<string, bigint>();
const INT64 = 1n << 63n;

/** keccak256 of the key's coefficients as int64 words (undefined if one is not an int64 bigint). */
function pkFingerprint(pk0: RnsPoly, pk1: RnsPoly, l: UserEncryptionLayout): string | undefined {
  const h = keccak_256.create();
  h.update(new TextEncoder().encode(`${l.N}:${l.moduli.join(',')}:`));
  for (const poly of [pk0, pk1]) {
    if (!Array.isArray(poly) || poly.length !== l.L) return undefined;
    for (const limb of poly) {
      if (!Array.isArray(limb) || limb.length !== l.N) return undefined;
      const words = new DataView(new ArrayBuffer(8 * l.N));
      for (let j = 0; j < l.N; j++) {
        const c = limb[j];
        if (typeof c !== 'bigint' || c < -INT64 || c >= INT64) return undefined;
        words.setBigInt64(8 * j, c);
      }
      h.update(new Uint8Array(words.buffer));
    }
  }
  return Buffer.from(h.digest()).toString('hex');
}

/**
 * The pk commitment (C5 format) of (pk0, pk1), memoised per process by a keccak256 fingerprint
 * of the coefficients: every input of an E3 is encrypted under the same key, and its Poseidon2
 * commitment (4 370 permutations at N = 8192, 1.5-3.5 s of TypeScript) is the largest single
 * step of building the inputs. A stale or colliding entry could only make the circuit's own
 * recomputation of the commitment fail (no proof), never yield a proof for another key.
 */
export function pkCommitmentOf(pk0: RnsPoly, pk1: RnsPoly, l: UserEncryptionLayout): bigint {
  const key = pkFingerprint(pk0, pk1, l);
  const hit = key === undefined ? undefined : pkCommitments.get(key);
  if (hit !== undefined) return hit;
  const c = commitRnsPolys(DOMAINS.PK, [pk0, pk1], l.moduli, l.N);
  if (key !== undefined) {
    if (pkCommitments.size >= PK_CACHE_SIZE) pkCommitments.delete(pkCommitments.keys().next().value!);
    pkCommitments.set(key, c);
  }
  return c;
}

export type BuiltInputs = { inputs: InputMap; publicInputs: UserEncryptionPublicInputs };

/**
 * Circuit inputs and public inputs for a witness. `strict: false` skips the range checks (the
 * packing still needs every slot in [0, 2^W)), to let negative tests reach the circuit.
 */
export function buildInputs(w: EncryptionWitness, l: UserEncryptionLayout, binding: InputBinding, strict = true): BuiltInputs {
  if (strict) checkWitness(w, l);
  for (const [name, v] of [['context', binding.context], ['ctDigest', binding.ctDigest]] as const) {
    if (v !== undefined && (typeof v !== 'bigint' || v < 0n || v >= FR_MODULUS)) {
      throw new CircuitInputError(`binding ${name} is not a field element`, { details: String(v) });
    }
  }
  const context = binding.context;
  const pkCommitment = pkCommitmentOf(w.pk0, w.pk1, l);
  const ctDigest = binding.ctDigest ?? ciphertextDigest(w, l);
  const uS = shift(w.u, 1n);
  const e0S = shift(w.e0, l.e.bound);
  const e1S = shift(w.e1, l.e.bound);
  const r1S = w.r1.flatMap((limb) => shift(limb, l.r1.bound));
  const p1S = w.p1.flatMap((limb) => shift(limb, l.p1.bound));
  const witPacked = [
    ...pack(uS, l.u.width),
    ...pack(e0S, l.e.width),
    ...pack(e1S, l.e.width),
    ...pack(w.k1, l.k1.width),
    ...pack(r1S, l.r1.width),
    ...pack(p1S, l.p1.width),
  ];
  if (witPacked.length !== l.witnessFields) throw new CircuitInputError('internal: witness packing length mismatch');
  const witC = spongeHash(domainTag(DOMAINS.USER_ENC_WITNESS), witPacked);
  const alpha = spongeHash(domainTag(DOMAINS.USER_ENC_ALPHA), [l.paramsDigest, pkCommitment, ctDigest, context, witC]);
  // R2 = sum_i alpha^(2i) r2_i + alpha^(2i+1) p2_i (mod p).
  const r2 = new Array<bigint>(l.N - 1).fill(0n);
  let wgt = 1n;
  for (let i = 0; i < l.L; i++) {
    for (const q of [w.r2[i]!, w.p2[i]!]) {
      for (let j = 0; j < l.N - 1; j++) r2[j] = Fr.add(r2[j]!, Fr.mul(wgt, toField(q[j]!)));
      wgt = Fr.mul(wgt, alpha);
    }
  }
  const gamma = spongeHash(domainTag(DOMAINS.USER_ENC_GAMMA), [alpha, ...r2]);
  const ctEval = ciphertextEvaluation(w, alpha, gamma, l);
  const publicInputs = { pkCommitment, ctDigest, alpha, gamma, ctEval, context };
  const inputs: InputMap = {
    pk_s: [...w.pk0, ...w.pk1].flatMap((limb, k) => shiftedHexes(limb, (l.moduli[k % l.L]! - 1n) / 2n)),
    u_s: hexes(uS),
    e0_s: hexes(e0S),
    e1_s: hexes(e1S),
    k1: hexes(w.k1),
    r1_s: hexes(r1S),
    p1_s: hexes(p1S),
    r2: hexes(r2),
    pk_commitment: fieldToHex(pkCommitment),
    ct_digest: fieldToHex(ctDigest),
    alpha: fieldToHex(alpha),
    gamma: fieldToHex(gamma),
    ct_eval: fieldToHex(ctEval),
    context: fieldToHex(context),
  };
  return { inputs, publicInputs };
}
