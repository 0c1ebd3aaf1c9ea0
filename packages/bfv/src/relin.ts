/**
 * Relinearisation with the RNS gadget (one digit per limb, as in the "RNS-friendly" key switching
 * of Bajard–Eynard–Hasan–Zucca 2016, §4): c2 ≡ Σ_i D_i·g_i (mod Q) with D_i = [c2]_{q_i}
 * (centered) and g_i ≡ δ_ij (mod q_j). The key rk_i = (−a_i·s + e_i + g_i·s², a_i) turns each
 * D_i·s² into an encryption; the added noise is Σ_i D_i·e_i, below L·N·(q/2)·21 (docs/PARAMETERS.md).
 */
import { MismatchError, cryptoSource, limbReduceCentered, polyAdd, polyMulAddPointwise, polyMulPointwise, polyNeg, sampleCbd, withPolyScope, type RandomSource } from '@interfold/ring';
import { Ciphertext, RelinKey, SecretKey, sameParams } from './objects.js';
import type { BfvParameters } from './parameters.js';
import { multiply } from './multiply.js';

export function genRelinKey(params: BfvParameters, sk: SecretKey, src: RandomSource = cryptoSource): RelinKey {
  sameParams(params, sk.params);
  return withPolyScope((scope) => {
    const s2 = scope.track(polyMulPointwise(sk.ntt, sk.ntt));
    const k0 = [];
    const k1 = [];
    for (let i = 0; i < params.L; i++) {
      const a = params.ring.sampleUniform(src, true); // uniform in NTT form is uniform
      const e = sampleCbd(params.N, src);
      const as = scope.track(polyMulPointwise(a, sk.ntt));
      const eNtt = scope.track(params.ring.fromSigned(e).toNtt());
      const b = polyAdd(polyNeg(as, as), eNtt);
      eNtt.zeroize();
      e.fill(0);
      const li = b.limbs[i];
      const si = s2.limbs[i];
      const m = params.ring.moduli[i];
      for (let k = 0; k < params.N; k++) li[k] = m.add(li[k], si[k]);
      k0.push(b);
      k1.push(a);
    }
    s2.zeroize();
    return new RelinKey(params, k0, k1);
  });
}

export function relinearize(params: BfvParameters, ct: Ciphertext, rlk: RelinKey): Ciphertext {
  sameParams(params, ct.params);
  sameParams(params, rlk.params);
  if (ct.size === 2) return ct;
  if (ct.size !== 3) throw new MismatchError('relinearize needs a 3-component ciphertext');
  const acc0 = ct.c0.clone().toNtt();
  const acc1 = ct.c1.clone().toNtt();
  const c2 = ct.polys[2];
  return withPolyScope((scope) => {
    const digit = scope.alloc(params.ring);
    params.ring.moduli.forEach((mi, i) => {
      // D_i = [c2]_{q_i}, centered, reduced into every limb.
      params.ring.moduli.forEach((mj, j) => limbReduceCentered(mi, mj, c2.limbs[i], digit.limbs[j]));
      digit.isNtt = false;
      digit.toNtt();
      polyMulAddPointwise(acc0, digit, rlk.k0[i]);
      polyMulAddPointwise(acc1, digit, rlk.k1[i]);
  });
  return new Ciphertext(params, [acc0.fromNtt(), acc1.fromNtt()]);
  });
}

/** multiply then relinearize. */
export function mulRelin(params: BfvParameters, a: Ciphertext, b: Ciphertext, rlk: RelinKey): Ciphertext {
  const product = multiply(params, a, b);
  try {
    return relinearize(params, product, rlk);
  } finally {
    for (const p of product.polys) p.free(); // the size-3 intermediate never reaches the caller
  }
}
