/**
 * C1 (spec 003 P1 "Generation"; issue 9): layout, generated params.nr and witness builder of
 * noir/c1_pk_share. See its main.nr for the statement and the soundness argument.
 *
 * Output commitments (FORMATS.md):
 *   skCommitment      = sponge(C1_SK,  pack(sk + 1, 2))             — integer sk, ternary
 *   esmCommitment     = sponge(C1_ESM, pack(esm + B_esm, W_esm))    — integer esm, |esm| ≤ B_esm
 *   pkShareCommitment = commitRnsPolys(C1_PK_SHARE, [p0], moduli, N)
 */
import type { InputMap } from '@noir-lang/noir_js';
import type { BfvParameters } from '@interfold/bfv';
import { pkShareWitness, type DealerWitness, type PkShare, type Session } from '@interfold/threshold';
import { CircuitInputError } from '../errors.js';
import { Fr, fieldToHex, toField } from '../poseidon2/field.js';
import { pack } from '../poseidon2/pack.js';
import { spongeHash } from '../poseidon2/sponge.js';
import { commitRnsPolys, type RnsPoly } from '../commitments/rns.js';
import { DOMAINS, domainTag } from '../commitments/domains.js';
import { DKG_DOMAINS } from './domains.js';
import { boundedSlot, header, renderRing, renderSlot, renderTag, ringLayout, slot, type DkgSlot, type RingLayout } from './layout.js';
import { centred, checkRange, crpCommitment, halfQ, hexes, partyField, sessionField, shift, shiftRns } from './common.js';

/** |e| bound of bfv's centred binomial sampler (the user-encryption ERROR_BOUND). */
export const PK_ERROR_BOUND = 21n;

export type C1Layout = { ring: RingLayout; sk: DkgSlot; e: DkgSlot; esm: DkgSlot; r1: DkgSlot; witnessFields: number };

export function c1Layout(params: BfvParameters, smudgingBound: bigint): C1Layout {
  const ring = ringLayout(params);
  if (smudgingBound < 1n || smudgingBound.toString(2).length > 250) throw new CircuitInputError('smudging bound out of range', { details: String(smudgingBound) });
  const r1 = boundedSlot(BigInt(ring.N + 1) / 2n + 2n, ring.L * ring.N);
  const e = boundedSlot(PK_ERROR_BOUND, ring.N);
  return { ring, sk: slot(1n, 2, ring.N), e, esm: boundedSlot(smudgingBound, ring.N), r1, witnessFields: e.packed + r1.packed };
}

export function renderC1Params(l: C1Layout): string {
  return [
    header('c1_pk_share', `${l.ring.name}, smudging bound ${l.esm.bound}`),
    renderRing(l.ring),
    renderTag('TAG_CRP', DKG_DOMAINS.CRP),
    renderTag('TAG_PK_SHARE', DOMAINS.C1_PK_SHARE),
    renderTag('TAG_SK', DOMAINS.C1_SK),
    renderTag('TAG_ESM', DOMAINS.C1_ESM),
    renderTag('TAG_WIT', DKG_DOMAINS.C1_WITNESS),
    renderTag('TAG_ALPHA', DKG_DOMAINS.C1_ALPHA),
    renderTag('TAG_GAMMA', DKG_DOMAINS.C1_GAMMA),
    renderSlot('SK', l.sk),
    renderSlot('E', l.e),
    renderSlot('ESM', l.esm),
    renderSlot('R1', l.r1),
    `pub global WIT_LEN: u32 = ${l.witnessFields};`,
    '',
  ].join('\n');
}

/** Centred integers; RNS ones per limb. r2[l] is the quotient by X^N+1 of limb l (N − 1 coefficients). */
export type C1Witness = {
  a: RnsPoly;
  p0: RnsPoly;
  sk: readonly bigint[];
  e: readonly bigint[];
  esm: readonly bigint[];
  r1: RnsPoly;
  r2: RnsPoly;
};

export type C1Outputs = { skCommitment: bigint; esmCommitment: bigint; pkShareCommitment: bigint };
export type C1Public = { session: bigint; party: bigint; crpCommitment: bigint } & C1Outputs;

/** The C1 witness of a dealer, from threshold's values (exact products: slow at N = 8192). */
export function c1WitnessFromDealer(session: Session, w: DealerWitness, share: PkShare): C1Witness {
  const params = session.params;
  const limbs = params.moduli.map((_, l) => pkShareWitness(params, session.a, w.skContribution, w.e, share, l));
  return {
    a: limbs.map((x) => x.a),
    p0: limbs.map((x) => x.pk0),
    sk: limbs[0]!.sk,
    e: limbs[0]!.e,
    esm: w.smudging.coeffs,
    r1: limbs.map((x) => x.r1),
    r2: limbs.map((x) => x.r2.slice(0, params.N - 1)),
  };
}

export function skCommitment(sk: readonly bigint[], l: C1Layout): bigint {
  return spongeHash(domainTag(DOMAINS.C1_SK), pack(shift(sk, 1n), l.sk.width));
}

export function esmCommitment(esm: readonly bigint[], l: C1Layout): bigint {
  return spongeHash(domainTag(DOMAINS.C1_ESM), pack(shift(esm, l.esm.bound), l.esm.width));
}

export function pkShareCommitment(p0: RnsPoly, l: C1Layout): bigint {
  return commitRnsPolys(DOMAINS.C1_PK_SHARE, [p0], l.ring.moduli, l.ring.N);
}

/**
 * Circuit inputs and the public inputs the verifier expects. `strict: false` skips the exact range
 * checks (the packing still needs each slot in [0, 2^W)) so negative tests reach the circuit.
 */
export function buildC1Inputs(w: C1Witness, l: C1Layout, bind: { session: bigint; party: bigint }, strict = true): { inputs: InputMap; publicInputs: C1Public } {
  const { N, L, moduli } = l.ring;
  if (strict) {
    checkRange('sk', w.sk, N, -1n, 1n);
    checkRange('e', w.e, N, -l.e.bound, l.e.bound);
    checkRange('esm', w.esm, N, -l.esm.bound, l.esm.bound);
    w.r1.forEach((x, i) => checkRange(`r1[${i}]`, x, N, -l.r1.bound, l.r1.bound));
  }
  if (w.a.length !== L || w.p0.length !== L || w.r1.length !== L || w.r2.length !== L) throw new CircuitInputError('C1 witness has the wrong number of limbs');
  const crp = commitRnsPolys(DKG_DOMAINS.CRP, [w.a], moduli, N);
  const pkC = pkShareCommitment(w.p0, l);
  const skC = skCommitment(w.sk, l);
  const esmC = esmCommitment(w.esm, l);
  const eS = shift(w.e, l.e.bound);
  const r1S = w.r1.flatMap((x) => shift(x, l.r1.bound));
  const witC = spongeHash(domainTag(DKG_DOMAINS.C1_WITNESS), [...pack(eS, l.e.width), ...pack(r1S, l.r1.width)]);
  const alpha = spongeHash(domainTag(DKG_DOMAINS.C1_ALPHA), [l.ring.paramsDigest, bind.session, bind.party, crp, pkC, skC, esmC, witC]);
  const r2 = new Array<bigint>(N - 1).fill(0n);
  let wgt = 1n;
  for (let i = 0; i < L; i++) {
    const q = w.r2[i]!;
    if (q.length !== N - 1) throw new CircuitInputError('C1 quotient r2 has the wrong length');
    for (let j = 0; j < N - 1; j++) r2[j] = Fr.add(r2[j]!, Fr.mul(wgt, toField(q[j]!)));
    wgt = Fr.mul(wgt, alpha);
  }
  const inputs: InputMap = {
    a_s: hexes(shiftRns(w.a, moduli)),
    p0_s: hexes(shiftRns(w.p0, moduli)),
    sk_s: hexes(shift(w.sk, 1n)),
    e_s: hexes(eS),
    esm_s: hexes(shift(w.esm, l.esm.bound)),
    r1_s: hexes(r1S),
    r2: hexes(r2),
    session: fieldToHex(bind.session),
    party: fieldToHex(bind.party),
    crp_commitment: fieldToHex(crp),
  };
  return { inputs, publicInputs: { ...bind, crpCommitment: crp, skCommitment: skC, esmCommitment: esmC, pkShareCommitment: pkC } };
}

export function c1PublicList(p: C1Public): bigint[] {
  return [p.session, p.party, p.crpCommitment, p.skCommitment, p.esmCommitment, p.pkShareCommitment];
}

/** Binding of a dealer's C1 proof: its session and party id. */
export function c1Binding(session: Session, party: number): { session: bigint; party: bigint } {
  return { session: sessionField(session.id), party: partyField(party, session.n) };
}

export { centred, crpCommitment, halfQ };
