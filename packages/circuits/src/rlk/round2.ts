/**
 * Inputs of the RKG round-2 circuit (noir/rlk_round2; threshold/src/rlk.ts genShareRound2) for one
 * RNS digit d of a round-2 share, the round-1 aggregate it was made on, and its witness (all
 * polynomials as centred integers; L proofs per share): for digit d and every limb l,
 *   h0'_{d,l} = h0_{d,l}·sk + e2_d,   h1'_{d,l} = h1_{d,l}·(u − sk) + e3_d   (mod q_l, X^N + 1).
 * sk's commitment is C1's and u's is round 1's (the verifier takes both from those proofs), so a
 * member cannot run round 2 on other secrets than the ones it committed before.
 */
import { exactNegacyclicMul } from '@interfold/ring';
import { CircuitInputError } from '../errors.js';
import { commitRnsPolys } from '../commitments/rns.js';
import { domainTag } from '../commitments/domains.js';
import { fieldToHex, toField } from '../poseidon2/field.js';
import { pack } from '../poseidon2/pack.js';
import { spongeHash } from '../poseidon2/sponge.js';
import { RLK2_DOMAINS, type RlkLayout } from './layout.js';
import { combinedQuotient, rlkRelation, shiftRns } from './witness.js';

type Rns = readonly (readonly (readonly bigint[])[])[];

/** A round-2 share on the round-1 aggregate: [digit d][limb l][coefficient], centred mod q_l. */
export type Rlk2Statement = {
  readonly session: bigint;
  readonly party: number;
  /** The round-1 aggregate (h0_d, h1_d) over the authorised set. */
  readonly agg0: Rns;
  readonly agg1: Rns;
  /** The share (h0'_d, h1'_d). */
  readonly h0: Rns;
  readonly h1: Rns;
};
export type Rlk2Witness = {
  readonly sk: readonly bigint[];
  readonly u: readonly bigint[];
  /** [d][k] */
  readonly e2: readonly (readonly bigint[])[];
  readonly e3: readonly (readonly bigint[])[];
};

/** One digit's public values: aggCommitment is of (h0_d, h1_d) of the aggregate, shareCommitment of (h0'_d, h1'_d). */
export type Rlk2Public = { session: bigint; party: bigint; digit: bigint; aggCommitment: bigint; skCommitment: bigint; uCommitment: bigint; shareCommitment: bigint };

type Limbs = readonly (readonly bigint[])[];

/** The commitment to digit d of a round-1 aggregate, as the circuit computes it (what every member derives itself). */
export function rlkAggregateCommitment(l: RlkLayout, agg0_d: Limbs, agg1_d: Limbs): bigint {
  return commitRnsPolys(RLK2_DOMAINS.AGG, [agg0_d, agg1_d], l.moduli, l.N);
}

/** The commitment to digit d of a round-2 share (h0'_d, h1'_d): the circuit's return value. */
export function rlk2ShareCommitment(l: RlkLayout, h0_d: Limbs, h1_d: Limbs): bigint {
  return commitRnsPolys(RLK2_DOMAINS.SHARE, [h0_d, h1_d], l.moduli, l.N);
}

/** The circuit's inputs (a Noir InputMap) for digit `d`, and the public values it must accept and return. */
export function buildRlk2Inputs(l: RlkLayout, s: Rlk2Statement, w: Rlk2Witness, d: number): { inputs: Record<string, string | string[]>; pub: Rlk2Public } {
  const { N, L, moduli } = l;
  if (l.round !== 2) throw new CircuitInputError('a round-2 statement needs the round-2 layout');
  for (const v of [s.agg0, s.agg1, s.h0, s.h1, w.e2, w.e3]) if (v.length !== L) throw new CircuitInputError('rlk round-2 statement needs L digits');
  if (w.sk.length !== N || w.u.length !== N) throw new CircuitInputError('sk and u need N coefficients');
  if (!Number.isInteger(d) || d < 0 || d >= L) throw new CircuitInputError('digit out of range', { details: `${d}, L = ${L}` });
  const uMinusSk = w.u.map((x, k) => x - w.sk[k]!);
  const r1h0: bigint[][] = [], r1h1: bigint[][] = [], order: bigint[][] = [];
  for (let i = 0; i < L; i++) {
    const q = moduli[i]!;
    const rel0 = rlkRelation(N, s.h0[d]![i]!, exactNegacyclicMul(s.agg0[d]![i]!, w.sk), -1n, (k) => w.e2[d]![k]!, q, `h0'[${d}] limb ${i}`);
    const rel1 = rlkRelation(N, s.h1[d]![i]!, exactNegacyclicMul(s.agg1[d]![i]!, uMinusSk), -1n, (k) => w.e3[d]![k]!, q, `h1'[${d}] limb ${i}`);
    r1h0.push(rel0.r1), r1h1.push(rel1.r1), order.push(rel0.r2, rel1.r2);
  }
  const tag = domainTag;
  const agg = rlkAggregateCommitment(l, s.agg0[d]!, s.agg1[d]!);
  const share = rlk2ShareCommitment(l, s.h0[d]!, s.h1[d]!);
  const sk = spongeHash(tag(RLK2_DOMAINS.SK), pack(w.sk.map((x) => x + 1n), l.sk.width));
  const u = spongeHash(tag(RLK2_DOMAINS.U), pack(w.u.map((x) => x + 1n), l.sk.width));
  const eShift = [...w.e2[d]!, ...w.e3[d]!].map((x) => x + l.e.bound);
  for (const x of eShift) if (x < 0n || x > 2n * l.e.bound) throw new CircuitInputError('rlk round-2 noise out of its bound', { details: `${x - l.e.bound}` });
  const r1Shift = [...r1h0.flat(), ...r1h1.flat()].map((x) => x + l.r1.bound);
  for (const x of r1Shift) if (x < 0n || x > 2n * l.r1.bound) throw new CircuitInputError('rlk round-2 quotient out of its bound', { details: `${x - l.r1.bound}` });
  const witC = spongeHash(tag(RLK2_DOMAINS.WIT), [...pack(eShift, l.e.width), ...pack(r1Shift, l.r1.width)]);
  const session = toField(s.session), party = BigInt(s.party), digit = BigInt(d);
  const alpha = spongeHash(tag(RLK2_DOMAINS.ALPHA), [l.paramsDigest, session, party, digit, agg, sk, u, share, witC]);
  const R2 = combinedQuotient(N, alpha, order);
  const hexes = (v: readonly bigint[]) => v.map(fieldToHex);
  return {
    inputs: {
      agg_s: hexes(shiftRns(moduli, [s.agg0[d]!, s.agg1[d]!])),
      h_s: hexes(shiftRns(moduli, [s.h0[d]!, s.h1[d]!])),
      sk_s: hexes(w.sk.map((x) => x + 1n)),
      u_s: hexes(w.u.map((x) => x + 1n)),
      e_s: hexes(eShift),
      r1_s: hexes(r1Shift),
      r2: hexes(R2),
      session: fieldToHex(session),
      party: fieldToHex(party),
      digit: fieldToHex(digit),
      agg_commitment: fieldToHex(agg),
      sk_commitment: fieldToHex(sk),
      u_commitment: fieldToHex(u),
    },
    pub: { session, party, digit, aggCommitment: agg, skCommitment: sk, uCommitment: u, shareCommitment: share },
  };
}
