/**
 * Inputs of the rlk-contribution circuit for one RNS digit d of a round-1 share and its witness
 * (all polynomials as centred integers): the Z[X] quotients of each relation (exact products,
 * ring/exact.ts), the commitments (Poseidon2 twins), the Fiat–Shamir challenge alpha and the
 * combined quotient R2 = Σ_j alpha^j·r2_j over the relations in the circuit's order (l, h0), (l, h1).
 * A share takes L proofs, one per digit.
 */
import { exactNegacyclicMul } from '@interfold/ring';
import { CircuitInputError } from '../errors.js';
import { commitRnsPolys } from '../commitments/rns.js';
import { domainTag } from '../commitments/domains.js';
import { Fr, fieldToHex, toField } from '../poseidon2/field.js';
import { pack } from '../poseidon2/pack.js';
import { spongeHash } from '../poseidon2/sponge.js';
import { RLK_DOMAINS, type RlkLayout } from './layout.js';

/** Round-1 share of one party: [digit d][limb l][coefficient], centred mod q_l. */
export type RlkStatement = {
  readonly session: bigint;
  readonly party: number;
  /** a_d, [d][l][k] centred. */
  readonly a: readonly (readonly (readonly bigint[])[])[];
  readonly h0: readonly (readonly (readonly bigint[])[])[];
  readonly h1: readonly (readonly (readonly bigint[])[])[];
};
export type RlkWitness = {
  readonly sk: readonly bigint[];
  readonly u: readonly bigint[];
  /** [d][k] */
  readonly e0: readonly (readonly bigint[])[];
  readonly e1: readonly (readonly bigint[])[];
};

/** One digit's public values: crpCommitment is of a_d, shareCommitment of (h0_d, h1_d). */
export type RlkPublic = { session: bigint; party: bigint; digit: bigint; crpCommitment: bigint; skCommitment: bigint; uCommitment: bigint; shareCommitment: bigint };

const tag = (label: string) => domainTag(label);

/** The commitment to a_d (what the verifier derives from the E3's seed). */
export const rlkCrpCommitment = (l: RlkLayout, a_d: readonly (readonly bigint[])[]): bigint => commitRnsPolys(RLK_DOMAINS.CRP, [a_d], l.moduli, l.N);
/** The commitment to digit d of a round-1 share, (h0_d, h1_d). */
export const rlkShareCommitment = (l: RlkLayout, h0_d: readonly (readonly bigint[])[], h1_d: readonly (readonly bigint[])[]): bigint => commitRnsPolys(RLK_DOMAINS.SHARE, [h0_d, h1_d], l.moduli, l.N);

export function rlkCommitments(l: RlkLayout, s: RlkStatement, w: Pick<RlkWitness, 'sk' | 'u'>, d: number) {
  return {
    crp: rlkCrpCommitment(l, s.a[d]!),
    share: rlkShareCommitment(l, s.h0[d]!, s.h1[d]!),
    sk: spongeHash(tag(RLK_DOMAINS.SK), pack(w.sk.map((x) => x + 1n), l.sk.width)),
    u: spongeHash(tag(RLK_DOMAINS.U), pack(w.u.map((x) => x + 1n), l.sk.width)),
  };
}

/**
 * One relation lhs + sign·(a·x) − extra = r1·q + r2·(X^N+1) over Z[X], with a·x = rem + quot·(X^N+1)
 * (exact product): r1 = (lhs + sign·rem − extra)/q exactly, r2 = sign·quot (its first N − 1 terms).
 */
export function rlkRelation(N: number, lhs: readonly bigint[], prod: { remainder: bigint[]; quotient: bigint[] }, sign: bigint, extra: (k: number) => bigint, q: bigint, what: string): { r1: bigint[]; r2: bigint[] } {
  return {
    r1: lhs.map((v, k) => {
      const num = v + sign * prod.remainder[k]! - extra(k);
      if (num % q !== 0n) throw new CircuitInputError(`rlk witness does not satisfy ${what}`, { details: `coefficient ${k}` });
      return num / q;
    }),
    r2: prod.quotient.slice(0, N - 1).map((x) => sign * x),
  };
}

/** R2 = Σ_j alpha^j·r2_j over the relations in the circuit's order. */
export function combinedQuotient(N: number, alpha: bigint, order: readonly (readonly bigint[])[]): bigint[] {
  const R2 = new Array<bigint>(N - 1).fill(0n);
  let wgt = 1n;
  for (const r2 of order) {
    for (let j = 0; j < N - 1; j++) R2[j] = Fr.add(R2[j]!, Fr.mul(wgt, toField(r2[j]!)));
    wgt = Fr.mul(wgt, alpha);
  }
  return R2;
}

/** Every residue shifted by (q_l − 1)/2 into [0, q_l): digit, then limb, then coefficient. */
export const shiftRns = (moduli: readonly bigint[], polys: readonly (readonly (readonly bigint[])[])[]): bigint[] => polys.flatMap((p) => p.flatMap((limb, i) => limb.map((x) => x + (moduli[i]! - 1n) / 2n)));

/** The circuit's inputs (a Noir InputMap) for digit `d`, and the public values it must return/accept. */
export function buildRlkInputs(l: RlkLayout, s: RlkStatement, w: RlkWitness, d: number): { inputs: Record<string, string | string[]>; pub: RlkPublic } {
  const { N, L, moduli } = l;
  if (l.round !== 1) throw new CircuitInputError('a round-1 statement needs the round-1 layout');
  if (s.a.length !== L || s.h0.length !== L || s.h1.length !== L || w.e0.length !== L || w.e1.length !== L) throw new CircuitInputError('rlk statement needs L digits');
  if (!Number.isInteger(d) || d < 0 || d >= L) throw new CircuitInputError('digit out of range', { details: `${d}, L = ${L}` });
  const r1h0: bigint[][] = [], r1h1: bigint[][] = [], order: bigint[][] = [];
  for (let i = 0; i < L; i++) {
    const q = moduli[i]!;
    const rel0 = rlkRelation(N, s.h0[d]![i]!, exactNegacyclicMul(s.a[d]![i]!, w.u), 1n, (k) => (d === i ? w.sk[k]! : 0n) + w.e0[d]![k]!, q, `h0[${d}] limb ${i}`);
    const rel1 = rlkRelation(N, s.h1[d]![i]!, exactNegacyclicMul(s.a[d]![i]!, w.sk), -1n, (k) => w.e1[d]![k]!, q, `h1[${d}] limb ${i}`);
    r1h0.push(rel0.r1), r1h1.push(rel1.r1), order.push(rel0.r2, rel1.r2);
  }
  const c = rlkCommitments(l, s, w, d);
  const eShift = [...w.e0[d]!, ...w.e1[d]!].map((x) => x + l.e.bound);
  const r1Shift = [...r1h0.flat(), ...r1h1.flat()].map((x) => x + l.r1.bound);
  for (const x of r1Shift) if (x < 0n || x > 2n * l.r1.bound) throw new CircuitInputError('rlk quotient out of its bound', { details: `${x - l.r1.bound}` });
  const wit = [...pack(eShift, l.e.width), ...pack(r1Shift, l.r1.width)];
  const witC = spongeHash(tag(RLK_DOMAINS.WIT), wit);
  const session = toField(s.session), party = BigInt(s.party), digit = BigInt(d);
  const alpha = spongeHash(tag(RLK_DOMAINS.ALPHA), [l.paramsDigest, session, party, digit, c.crp, c.sk, c.u, c.share, witC]);
  const R2 = combinedQuotient(N, alpha, order);
  const hexes = (v: readonly bigint[]) => v.map(fieldToHex);
  return {
    inputs: {
      a_s: hexes(shiftRns(moduli, [s.a[d]!])),
      h_s: hexes(shiftRns(moduli, [s.h0[d]!, s.h1[d]!])),
      sk_s: hexes(w.sk.map((x) => x + 1n)),
      u_s: hexes(w.u.map((x) => x + 1n)),
      e_s: hexes(eShift),
      r1_s: hexes(r1Shift),
      r2: hexes(R2),
      session: fieldToHex(session),
      party: fieldToHex(party),
      digit: fieldToHex(digit),
      crp_commitment: fieldToHex(c.crp),
      sk_commitment: fieldToHex(c.sk),
    },
    pub: { session, party, digit, crpCommitment: c.crp, skCommitment: c.sk, uCommitment: c.u, shareCommitment: c.share },
  };
}
