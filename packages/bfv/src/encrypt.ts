/**
 * Public-key encryption [FV 2012, §3 "Encrypt"], with the message scaling of scaling.ts:
 *   c0 = p0·u + e0 + (Q·m − k1)/t,   c1 = p1·u + e1,    u ternary, e0, e1 ← CBD(21).
 * `encryptWithWitness` also returns everything the user-encryption proof needs (witness.ts).
 */
import { cryptoSource, polyMulPointwise, polyNeg, sampleCbd, sampleTernary, withPolyScope, type RandomSource, type RnsPoly } from '@interfold/ring';
import { Ciphertext, PublicKey, Plaintext, SecretKey, sameParams } from './objects.js';
import type { BfvParameters } from './parameters.js';
import { addScaledMessage, messageK1 } from './scaling.js';
import { buildEncryptionWitness, type EncryptionWitness } from './witness.js';

/** acc += e (small signed integers) in every limb, in place (coefficient form). */
export function addSmall(acc: RnsPoly, e: Int32Array): void {
  const N = acc.ctx.N;
  acc.ctx.moduli.forEach((m, i) => {
    const a = acc.limbs[i];
    const q = m.q;
    for (let k = 0; k < N; k++) {
      const s = a[k] + e[k];
      a[k] = s < 0 ? s + q : s >= q ? s - q : s;
    }
  });
}

type Randomness = { u: Int32Array; e0: Int32Array; e1: Int32Array };

function encryptWith(params: BfvParameters, pk: PublicKey, pt: Plaintext, r: Randomness): { ct: Ciphertext; k1: Float64Array } {
  sameParams(params, pk.params);
  sameParams(params, pt.params);
  return withPolyScope((scope) => {
    const uNtt = scope.track(params.ring.fromSigned(r.u).toNtt());
    const c0 = polyMulPointwise(uNtt, pk.p0Ntt).fromNtt();
    const c1 = polyMulPointwise(uNtt, pk.p1Ntt).fromNtt();
    uNtt.zeroize();
    addSmall(c0, r.e0);
    addSmall(c1, r.e1);
    const k1 = messageK1(params, pt);
    addScaledMessage(params, c0, k1);
    return { ct: new Ciphertext(params, [c0, c1]), k1 };
  });
}

function sample(params: BfvParameters, src: RandomSource): Randomness {
  return { u: sampleTernary(params.N, src), e0: sampleCbd(params.N, src), e1: sampleCbd(params.N, src) };
}

/** Encrypts under a public key. Randomness from the OS CSPRNG unless a source is given (tests). */
export function encrypt(params: BfvParameters, pk: PublicKey, pt: Plaintext, src: RandomSource = cryptoSource): Ciphertext {
  const r = sample(params, src);
  const { ct } = encryptWith(params, pk, pt, r);
  r.u.fill(0);
  r.e0.fill(0);
  r.e1.fill(0);
  return ct;
}

/**
 * Encrypts and returns the witness of the encryption equations over Z[X] (see witness.ts): the
 * randomness (u, e0, e1), the scaled message k1 and the quotients r1, r2, p1, p2 per limb.
 * The witness is secret: it reveals the message.
 */
export function encryptWithWitness(
  params: BfvParameters,
  pk: PublicKey,
  pt: Plaintext,
  src: RandomSource = cryptoSource,
): { ciphertext: Ciphertext; witness: EncryptionWitness } {
  const r = sample(params, src);
  const { ct, k1 } = encryptWith(params, pk, pt, r);
  const witness = buildEncryptionWitness(params, pk, ct, pt, k1, r.u, r.e0, r.e1);
  return { ciphertext: ct, witness };
}

/** Symmetric encryption under s: c1 = a uniform, c0 = −a·s + e + (Q·m − k1)/t. */
export function encryptSymmetric(params: BfvParameters, sk: SecretKey, pt: Plaintext, src: RandomSource = cryptoSource): Ciphertext {
  sameParams(params, sk.params);
  sameParams(params, pt.params);
  const a = params.ring.sampleUniform(src);
  const c0 = withPolyScope((scope) => {
    const aNtt = scope.clone(a).toNtt();
    return polyNeg(polyMulPointwise(aNtt, sk.ntt, aNtt).fromNtt());
  });
  const N = params.N;
  const e = sampleCbd(N, src);
  addSmall(c0, e);
  e.fill(0);
  addScaledMessage(params, c0, messageK1(params, pt));
  return new Ciphertext(params, [c0, a]);
}
