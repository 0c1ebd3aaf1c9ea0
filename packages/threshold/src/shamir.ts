/**
 * Shamir sharing of a ring element (spec 003, P1 "Splitting into shares", C2a/C2b).
 *
 * For every coefficient i and CRT limb j independently, the dealer draws a polynomial
 *   f_{i,j}(x) = secret_{i,j} + r_{1,i,j}·x + … + r_{T,i,j}·x^T   over Z_{q_j}
 * with r uniform (OS CSPRNG), and party k (id k ∈ 1..n) receives f_{i,j}(k). This is the matrix
 *   y[i][j][k],  y[i][j][0] = secret,  y[i][j][k ≥ 1] = share of party k
 * of spec 003. We store it party-major (one RnsPoly per k, limbs inside) because that is what is
 * encrypted and sent; `y(i, j, k)` reads it in the spec's layout. Any T values are uniform and
 * independent of the secret (perfect privacy); any T + 1 determine it by Lagrange at 0.
 */
import { cryptoSource, type RandomSource, type RingContext, type RnsPoly, InvalidParameterError } from '@interfold/ring';
import { DisposedError } from './errors.js';

export class ShamirSharing {
  private disposed = false;

  constructor(
    readonly ctx: RingContext,
    readonly T: number,
    /** The polynomial coefficients per (coefficient, limb): [0] = secret, [1..T] = r (the C2 witness). */
    readonly coefficients: readonly RnsPoly[],
    /** shares[k − 1] = f(k) for party k = 1..n. */
    readonly shares: readonly RnsPoly[],
  ) {}

  get n(): number {
    return this.shares.length;
  }

  get secret(): RnsPoly {
    this.alive();
    return this.coefficients[0];
  }

  /** Party k's share (k ∈ 1..n). */
  shareFor(k: number): RnsPoly {
    this.alive();
    if (!Number.isInteger(k) || k < 1 || k > this.n) throw new InvalidParameterError('No such party', { details: `k = ${k}, n = ${this.n}` });
    return this.shares[k - 1];
  }

  /** y[i][j][k] of spec 003: coefficient i, limb j, party k (k = 0: the secret). */
  y(i: number, j: number, k: number): number {
    this.alive();
    return (k === 0 ? this.coefficients[0] : this.shareFor(k)).limbs[j][i];
  }

  private alive(): void {
    if (this.disposed) throw new DisposedError('Shamir sharing used after dispose');
  }

  dispose(): void {
    for (const p of this.coefficients) p.zeroize();
    for (const p of this.shares) p.zeroize();
    this.disposed = true;
  }
}

/** Shares `secret` (coefficient form, any residues) among parties 1..n with degree T. */
export function shamirShare(ctx: RingContext, secret: RnsPoly, n: number, T: number, src: RandomSource = cryptoSource): ShamirSharing {
  ctx.check(secret);
  if (secret.isNtt) throw new InvalidParameterError('Shamir sharing needs coefficient form');
  if (!Number.isInteger(T) || T < 1 || !Number.isInteger(n) || T >= n) {
    throw new InvalidParameterError('Need 1 ≤ T < n', { details: `n = ${n}, T = ${T}` });
  }
  for (const m of ctx.moduli) if (n >= m.q) throw new InvalidParameterError('n must be below every limb prime');
  const coefficients = [secret.clone()];
  for (let d = 1; d <= T; d++) coefficients.push(ctx.sampleUniform(src, false));
  const N = ctx.N;
  const shares: RnsPoly[] = [];
  for (let k = 1; k <= n; k++) {
    const out = ctx.zero(false);
    // Horner: f(k) = (((r_T·k + r_{T−1})·k + …)·k + secret), per limb, per coefficient.
    ctx.moduli.forEach((m, l) => {
      const x = m.shoup(k);
      const z = out.limbs[l];
      const q = m.q;
      z.set(coefficients[T].limbs[l]);
      for (let d = T - 1; d >= 0; d--) {
        const c = coefficients[d].limbs[l];
        for (let i = 0; i < N; i++) {
          const s = m.mulShoup(z[i], x) + c[i];
          z[i] = s >= q ? s - q : s;
        }
      }
    });
    shares.push(out);
  }
  return new ShamirSharing(ctx, T, coefficients, shares);
}
