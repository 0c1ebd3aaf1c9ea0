/**
 * Share transport (spec 003, P1 "Individual key pair", C0, C3a/C3b): every party holds an
 * individual BFV key pair of the share-transport set; a dealer sends each limb of each share to
 * party j as ONE transport ciphertext under j's public key (the transport t exceeds every limb
 * prime, so the N residues of a limb are one plaintext), and j decrypts it with its own key.
 *
 * The encryption randomness (u, e0, e1) is kept by the dealer: it is the C3 witness, and it is what
 * the dealer reveals to answer a complaint (complaint.ts), so anyone can re-encrypt and compare.
 */
import {
  Ciphertext,
  Plaintext,
  PublicKey,
  addScaledMessage,
  addSmall,
  buildEncryptionWitness,
  decrypt,
  genPublicKey,
  genSecretKey,
  messageK1,
  sameParams,
  type BfvParameters,
  type EncryptionWitness,
  type SecretKey,
} from '@interfold/bfv';
import { CBD_ETA, cryptoSource, polyMulPointwise, sampleCbd, sampleTernary, type RandomSource } from '@interfold/ring';
import { DisposedError, ShareVerificationError } from './errors.js';

/** The randomness of one public-key encryption. */
export type EncryptionRandomness = { readonly u: Int32Array; readonly e0: Int32Array; readonly e1: Int32Array };

/** A party's individual (transport) key pair. */
export class TransportKeyPair {
  private disposed = false;
  constructor(
    readonly party: number,
    readonly sk: SecretKey,
    readonly pk: PublicKey,
  ) {}

  static generate(transport: BfvParameters, party: number, src: RandomSource = cryptoSource): TransportKeyPair {
    const sk = genSecretKey(transport, src);
    return new TransportKeyPair(party, sk, genPublicKey(transport, sk, { src }));
  }

  /** Decrypts one transport ciphertext; the values must be residues modulo `limbModulus`. */
  decryptLimb(ct: Ciphertext, limbModulus: number): Float64Array {
    if (this.disposed) throw new DisposedError('Transport key used after dispose');
    const pt = decrypt(ct.params, this.sk, ct);
    const v = pt.coeffs;
    for (let i = 0; i < v.length; i++) {
      if (v[i] >= limbModulus) {
        throw new ShareVerificationError('Decrypted share value out of range for its limb', { details: `value ${v[i]} ≥ q = ${limbModulus} at coefficient ${i}` });
      }
    }
    return v;
  }

  dispose(): void {
    this.sk.dispose();
    this.disposed = true;
  }
}

export function sampleEncryptionRandomness(transport: BfvParameters, src: RandomSource = cryptoSource): EncryptionRandomness {
  return { u: sampleTernary(transport.N, src), e0: sampleCbd(transport.N, src), e1: sampleCbd(transport.N, src) };
}

/**
 * BFV public-key encryption with given randomness (the equations of bfv/src/encrypt.ts):
 *   c0 = p0·u + e0 + (Q·m − [Q·m]_t)/t,   c1 = p1·u + e1.
 * Deterministic in (pk, m, u, e0, e1): re-encryption is how an opening is checked.
 */
export function encryptWithRandomness(transport: BfvParameters, pk: PublicKey, pt: Plaintext, r: EncryptionRandomness): Ciphertext {
  sameParams(transport, pk.params);
  sameParams(transport, pt.params);
  const uNtt = transport.ring.fromSigned(r.u).toNtt();
  const c0 = polyMulPointwise(uNtt, pk.p0Ntt).fromNtt();
  const c1 = polyMulPointwise(uNtt, pk.p1Ntt).fromNtt();
  uNtt.zeroize();
  addSmall(c0, r.e0);
  addSmall(c1, r.e1);
  addScaledMessage(transport, c0, messageK1(transport, pt));
  return new Ciphertext(transport, [c0, c1]);
}

/** One limb of a share (N residues < q_j < t) as a transport plaintext. */
export function limbPlaintext(transport: BfvParameters, values: Float64Array): Plaintext {
  return new Plaintext(transport, Float64Array.from(values));
}

/** Encrypts one share limb for a recipient; returns the ciphertext and its randomness (C3 witness). */
export function encryptLimb(
  transport: BfvParameters,
  pk: PublicKey,
  values: Float64Array,
  src: RandomSource = cryptoSource,
): { ct: Ciphertext; randomness: EncryptionRandomness } {
  const randomness = sampleEncryptionRandomness(transport, src);
  return { ct: encryptWithRandomness(transport, pk, limbPlaintext(transport, values), randomness), randomness };
}

/** Checks the shape of revealed randomness: u ternary, e0/e1 within the CBD bound. */
export function checkRandomness(transport: BfvParameters, r: EncryptionRandomness): string | null {
  const N = transport.N;
  if (r.u.length !== N || r.e0.length !== N || r.e1.length !== N) return 'randomness has the wrong length';
  for (let i = 0; i < N; i++) {
    if (r.u[i] < -1 || r.u[i] > 1) return `u[${i}] = ${r.u[i]} is not ternary`;
    if (Math.abs(r.e0[i]) > CBD_ETA || Math.abs(r.e1[i]) > CBD_ETA) return `noise at ${i} exceeds ${CBD_ETA}`;
  }
  return null;
}

/** The full C3 witness of a transport encryption (exact products: slow, computed on demand). */
export function transportWitness(
  transport: BfvParameters,
  pk: PublicKey,
  ct: Ciphertext,
  values: Float64Array,
  r: EncryptionRandomness,
): EncryptionWitness {
  const pt = limbPlaintext(transport, values);
  return buildEncryptionWitness(transport, pk, ct, pt, messageK1(transport, pt), r.u, r.e0, r.e1);
}
