import * as B from '@interfold/bfv';
import { SeededSource, type RandomSource } from '@interfold/ring';
import { Session, runDkg, type DkgResult } from '../src/index.js';
import { adversarial, type Adversary } from './adversary.js';

export const SMALL = { params: B.bfvParameters(B.INSECURE_N512), transport: B.bfvParameters(B.INSECURE_TRANSPORT_N512) };
export const MEDIUM = { params: B.bfvParameters(B.INSECURE_N1024), transport: B.bfvParameters(B.INSECURE_TRANSPORT_N1024) };

/** Reproducible per-party randomness (tests only). */
export const seeded = (tag: string) => (id: number): RandomSource => new SeededSource(`${tag}/${id}`, 'test/threshold');

export function session(o: { set?: typeof SMALL; n: number; T?: number; maxInputs?: number; lambda?: number; seed?: string }): Session {
  const set = o.set ?? SMALL;
  return new Session({ ...set, n: o.n, T: o.T, seed: o.seed ?? 'e3-seed', maxInputs: o.maxInputs ?? 16, lambda: o.lambda ?? 30 });
}

export function dkg(o: { set?: typeof SMALL; n: number; T?: number; maxInputs?: number; lambda?: number; adversaries?: Record<number, Adversary>; tag?: string }): DkgResult {
  return runDkg(session(o), { parties: o.adversaries ? adversarial(o.adversaries) : undefined, sources: seeded(o.tag ?? 'dkg') });
}

/** The threshold secret s = Σ_{i ∈ A} sk_i, from the parties' witnesses (tests only). */
export function thresholdSecret(r: DkgResult): B.SecretKey {
  const params = r.session.params;
  const s = params.ring.zero(false);
  for (const i of r.authorised) {
    const sk = r.parties.get(i)!.witness.skContribution.poly;
    params.ring.moduli.forEach((m, l) => {
      const a = s.limbs[l], b = sk.limbs[l];
      for (let k = 0; k < params.N; k++) a[k] = m.add(a[k], b[k]);
    });
  }
  return new B.SecretKey(params, s);
}

/** All k-subsets of xs. */
export function subsets<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (xs.length < k) return [];
  const [h, ...rest] = xs;
  return [...subsets(rest, k - 1).map((s) => [h, ...s]), ...subsets(rest, k)];
}
