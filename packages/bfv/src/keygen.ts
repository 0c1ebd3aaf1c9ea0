/**
 * Key generation [Fan–Vercauteren 2012, §3 "SecretKeyGen, PublicKeyGen"]: s ternary,
 * pk = (−a·s + e, a) with a uniform in R_Q and e ← CBD(21).
 * `a` may be given: the threshold protocol derives one common `a` from the E3 seed so that the
 * parties' pk shares add up (spec 003, C1: pk1 = a).
 */
import { cryptoSource, polyAdd, polyMulPointwise, polyNeg, sampleCbd, sampleTernary, withPolyScope, type RandomSource, type RnsPoly } from '@interfold/ring';
import { InvalidParameterError } from './errors.js';
import { PublicKey, SecretKey } from './objects.js';
import type { BfvParameters } from './parameters.js';

export function genSecretKey(params: BfvParameters, src: RandomSource = cryptoSource): SecretKey {
  const s = sampleTernary(params.N, src);
  return new SecretKey(params, params.ring.fromSigned(s), s);
}

export type PublicKeyWithWitness = {
  pk: PublicKey;
  /** The noise e of p0 = −a·s + e (witness for C1). */
  e: Int32Array;
};

export function genPublicKeyWithWitness(
  params: BfvParameters,
  sk: SecretKey,
  opts: { a?: RnsPoly; src?: RandomSource } = {},
): PublicKeyWithWitness {
  const src = opts.src ?? cryptoSource;
  const a = opts.a ?? params.ring.sampleUniform(src);
  if (a.isNtt) throw new InvalidParameterError('The common polynomial a must be in coefficient form');
  params.ring.check(a);
  const e = sampleCbd(params.N, src);
  const p0 = withPolyScope((scope) => {
    const as = scope.clone(a).toNtt();
    polyMulPointwise(as, sk.ntt, as).fromNtt();
    return polyAdd(polyNeg(as, as), scope.track(params.ring.fromSigned(e)));
  });
  return { pk: new PublicKey(params, p0, a.clone()), e };
}

export function genPublicKey(params: BfvParameters, sk: SecretKey, opts: { a?: RnsPoly; src?: RandomSource } = {}): PublicKey {
  return genPublicKeyWithWitness(params, sk, opts).pk;
}
