/**
 * Residue number system: a basis of pairwise-coprime moduli q_0..q_{L−1}, Q = Π q_i, and the
 * conversions between a big integer x ∈ Z_Q and its residues (x mod q_i) — the Chinese
 * remainder theorem. BigInt appears only here, at the boundary (serialisation of big values,
 * witnesses, tests); the hot paths use `BaseConverter`, which stays in doubles.
 */
import { InvalidParameterError, MismatchError } from './errors.js';
import { Modulus, type ShoupConstant } from './modulus.js';
import { withPolyScope } from './scope.js';
import { limbAccumulateScaled, limbAdd, limbMulScalar } from './wasm/pointwise.js';

export class RnsBasis {
  readonly moduli: readonly Modulus[];
  readonly Q: bigint;
  /** Q / q_i. */
  readonly qHat: readonly bigint[];
  /** (Q / q_i)^{-1} mod q_i, precomputed for Shoup multiplication modulo q_i. */
  readonly qHatInv: readonly ShoupConstant[];

  constructor(moduli: readonly (bigint | Modulus)[]) {
    if (moduli.length === 0) throw new InvalidParameterError('Empty RNS basis');
    const ms = moduli.map((m) => (m instanceof Modulus ? m : new Modulus(m)));
    for (let i = 0; i < ms.length; i++) {
      for (let j = 0; j < i; j++) {
        if (gcd(ms[i].big, ms[j].big) !== 1n) {
          throw new InvalidParameterError('RNS moduli must be pairwise coprime', {
            details: `q_${j} = ${ms[j].big}, q_${i} = ${ms[i].big}`,
          });
        }
      }
    }
    this.moduli = Object.freeze(ms);
    this.Q = ms.reduce((acc, m) => acc * m.big, 1n);
    this.qHat = Object.freeze(ms.map((m) => this.Q / m.big));
    this.qHatInv = Object.freeze(ms.map((m, i) => m.shoup(m.inv(this.qHat[i] % m.big))));
    Object.freeze(this);
  }

  get length(): number {
    return this.moduli.length;
  }

  /** The residues of x (any integer, reduced mod Q). */
  fromBigInt(x: bigint): number[] {
    return this.moduli.map((m) => m.reduceBig(x));
  }

  /** CRT: the x ∈ [0, Q) with x ≡ r_i (mod q_i). */
  toBigInt(residues: ArrayLike<number>): bigint {
    if (residues.length !== this.moduli.length) {
      throw new MismatchError('Residue count does not match the basis', {
        details: `got ${residues.length}, basis has ${this.moduli.length}`,
      });
    }
    let acc = 0n;
    for (let i = 0; i < this.moduli.length; i++) {
      const m = this.moduli[i];
      const y = m.mulShoup(residues[i], this.qHatInv[i]);
      acc += BigInt(y) * this.qHat[i];
    }
    return acc % this.Q;
  }

  /** CRT with the centered representative in (−Q/2, Q/2]. */
  toCenteredBigInt(residues: ArrayLike<number>): bigint {
    const x = this.toBigInt(residues);
    return x > this.Q / 2n ? x - this.Q : x;
  }

  equals(other: RnsBasis): boolean {
    return this.moduli.length === other.moduli.length && this.moduli.every((m, i) => m.big === other.moduli[i].big);
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Fast base conversion from basis `from` (product Q) to basis `to` (product P), returning the
 * residues of the CENTERED representative x ∈ [−Q/2, Q/2) [Halevi–Polyakov–Shoup, "An Improved RNS
 * Variant of the BFV Homomorphic Encryption Scheme", CT-RSA 2019, §2.2 and §4.1]:
 *
 *   y_i = [x_i · (Q/q_i)^{-1}]_{q_i},   x = Σ_i y_i·(Q/q_i) − v·Q  with  v = round(Σ_i y_i / q_i).
 *
 * v is computed in floating point; it is exact unless x lies within ~2^-50·Q of ±Q/2, where either
 * representative is returned (both are ≡ x mod Q; callers only convert values far from ±Q/2 or
 * accept either lift, see the BFV multiplication).
 */
export class BaseConverter {
  readonly from: RnsBasis;
  readonly to: RnsBasis;
  /** [Q/q_i]_{p_j}, for j (rows) and i (columns). */
  private readonly qHatModP: ShoupConstant[][];
  /** [−v·Q]_{p_j} for v = 0..L (L = |from|). */
  private readonly negVQModP: Float64Array[];

  constructor(from: RnsBasis, to: RnsBasis) {
    this.from = from;
    this.to = to;
    const L = from.length;
    this.qHatModP = to.moduli.map((p) => from.qHat.map((h) => p.shoup(p.reduceBig(h))));
    this.negVQModP = to.moduli.map((p) => {
      const t = new Float64Array(L + 1);
      for (let v = 0; v <= L; v++) t[v] = p.reduceBig(-BigInt(v) * from.Q);
      return t;
    });
  }

  /**
   * Converts N coefficients: src[i] holds the residues mod q_i, dst[j] receives those mod p_j.
   * `scratch` (length L·N) may be passed to avoid an allocation.
   */
  convert(src: readonly Float64Array[], dst: Float64Array[], N: number): void {
    withPolyScope((scope) => {
      const fromM = this.from.moduli;
      const L = fromM.length;
      // Limb-wise (vectorised) rather than coefficient-wise, so the products run on the
      // pointwise kernel (in place: the temporaries live in the kernel's arena): y_i for every
      // coefficient, then v, then each destination limb.
      const ys: Float64Array[] = [];
      const v = scope.f64(N);
      for (let i = 0; i < L; i++) {
        const y = scope.f64(N);
        limbMulScalar(fromM[i], src[i], this.from.qHatInv[i], y);
        limbAccumulateScaled(y, 1 / fromM[i].q, v);
        ys.push(y);
      }
      for (let k = 0; k < N; k++) v[k] = Math.round(v[k]);
      const tmp = scope.f64(N);
      for (let j = 0; j < this.to.length; j++) {
        const p = this.to.moduli[j];
        const row = this.qHatModP[j];
        const negT = this.negVQModP[j];
        const d = dst[j];
        for (let k = 0; k < N; k++) d[k] = negT[v[k]];
        for (let i = 0; i < L; i++) {
          limbMulScalar(p, ys[i], row[i], tmp);
          limbAdd(p, d, tmp, d);
        }
      }
    });
  }
}
