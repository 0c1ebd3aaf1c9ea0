/**
 * Ciphertext × ciphertext, the RNS way of Halevi–Polyakov–Shoup ["An Improved RNS Variant of the
 * BFV Homomorphic Encryption Scheme", CT-RSA 2019, §4]:
 *   1. lift each input component from base Q to Q∪P (fast base conversion to the centered
 *      representative, rns.ts);
 *   2. tensor in Q∪P with NTTs: d0 = a0·b0, d1 = a0·b1 + a1·b0, d2 = a1·b1 (exact over Z, since
 *      QP exceeds twice their coefficients);
 *   3. scale by t/Q and round, straight into base P (§4.2, "simple scaling"): with y_m the QP-CRT
 *      coefficients, round(t·d/Q) ≡ Σ_k (y_k·⌊tP/q_k⌋ + ⌊y_k·(tP mod q_k)/q_k⌋)
 *      + round(Σ_k frac_k) + d_j·[t·Q^{-1}]_{p_j}   (mod p_j)  — every term exact (modulus.ts);
 *   4. convert the result (|·| ≪ P/2) from P back to Q.
 * The output has three components; `relinearize` (relin.ts) brings it back to two.
 */
import { MismatchError, limbAdd, limbAddWide, limbMulDivRem, limbMulScalar, polyAdd, polyMulPointwise, withPolyScope, type PolyScope, type RnsPoly } from '@interfold/ring';
import { Ciphertext, sameParams } from './objects.js';
import type { BfvParameters } from './parameters.js';

/** p in NTT form in Q and in P (both scope temporaries). */
function extend(params: BfvParameters, scope: PolyScope, p: RnsPoly): [RnsPoly, RnsPoly] {
  const { ringP, qToP } = params.multiplication;
  const pp = scope.alloc(ringP);
  qToP.convert(p.limbs, pp.limbs as Float64Array[], params.N);
  return [scope.clone(p).toNtt(), pp.toNtt()];
}

/** round(t·d/Q) in base P (a scope temporary), for d given by its residues in Q (dQ) and in P (dP), coefficient form. */
function scaleToP(params: BfvParameters, scope: PolyScope, dQ: RnsPoly, dP: RnsPoly): RnsPoly {
  const mc = params.multiplication;
  const qm = params.ring.moduli;
  const pm = mc.ringP.moduli;
  const L = qm.length;
  const N = params.N;
  const out = scope.alloc(mc.ringP);
  // Per Q limb, vectorised: y = [d·(QP/q)^{-1}]_q, then y·(tP mod q) = quo·q + rem; frac accumulates rem/q.
  const ys: Float64Array[] = [];
  const quos: Float64Array[] = [];
  const frac = scope.f64(N);
  for (let i = 0; i < L; i++) {
    const m = qm[i];
    const y = scope.f64(N);
    const quo = scope.f64(N);
    limbMulScalar(m, dQ.limbs[i], mc.yQ[i], y);
    limbMulDivRem(m, y, mc.bModQ[i], quo, frac);
    // quo < 2^50 < 2·p_j for every P prime (50 bits): limbAddWide reduces it with one subtraction.
    ys.push(y);
    quos.push(quo);
  }
  for (let k = 0; k < N; k++) frac[k] = Math.round(frac[k]);
  const tmp = scope.f64(N);
  for (let j = 0; j < pm.length; j++) {
    const p = pm[j];
    const acc = out.limbs[j] as Float64Array;
    // d_j·[t·Q^{-1}]_{p_j} + round(Σ frac)  (the rounded sum is at most L < p_j)
    limbMulScalar(p, dP.limbs[j], mc.lambda[j], acc);
    limbAdd(p, acc, frac, acc);
    for (let i = 0; i < L; i++) {
      limbMulScalar(p, ys[i], mc.aModP[j][i], tmp);
      limbAdd(p, acc, tmp, acc);
      limbAddWide(p, acc, quos[i], acc);
    }
  }
  return out;
}

/** The tensor product (c0, c1, c2) of two 2-component ciphertexts, scaled by t/Q. */
export function multiply(params: BfvParameters, a: Ciphertext, b: Ciphertext): Ciphertext {
  sameParams(params, a.params);
  sameParams(params, b.params);
  if (a.size !== 2 || b.size !== 2) throw new MismatchError('multiply needs two 2-component ciphertexts (relinearize first)');
  const mc = params.multiplication;
  return withPolyScope((scope) => {
    const [a0q, a0p] = extend(params, scope, a.c0);
    const [a1q, a1p] = extend(params, scope, a.c1);
    const [b0q, b0p] = extend(params, scope, b.c0);
    const [b1q, b1p] = extend(params, scope, b.c1);
    const tensor = (x0: RnsPoly, x1: RnsPoly, y0: RnsPoly, y1: RnsPoly): RnsPoly[] => {
      const d0 = scope.track(polyMulPointwise(x0, y0));
      const d1 = scope.track(polyMulPointwise(x0, y1));
      polyAdd(d1, scope.track(polyMulPointwise(x1, y0)), d1);
      const d2 = scope.track(polyMulPointwise(x1, y1));
      return [d0.fromNtt(), d1.fromNtt(), d2.fromNtt()];
    };
    const dq = tensor(a0q, a1q, b0q, b1q);
    const dp = tensor(a0p, a1p, b0p, b1p);
    const out = dq.map((d, j) => {
      const sp = scaleToP(params, scope, d, dp[j]);
      const q = params.ring.alloc();
      mc.pToQ.convert(sp.limbs, q.limbs as Float64Array[], params.N);
      return q;
    });
    return new Ciphertext(params, out);
  });
}
