/**
 * C0, C4a/C4b and C5 (spec 003 P1, P2; issue 9): layouts, params.nr and witness builders of
 * noir/c0_transport_pk, noir/c4_aggregation and noir/c5_pk_aggregation — the circuits that only
 * commit and add (no Fiat–Shamir challenge: every check is a direct per-coefficient identity).
 */
import type { InputMap } from '@noir-lang/noir_js';
import type { BfvParameters } from '@interfold/bfv';
import { CircuitInputError } from '../errors.js';
import { fieldToHex } from '../poseidon2/field.js';
import { commitRnsPolys, type RnsPoly } from '../commitments/rns.js';
import { DOMAINS } from '../commitments/domains.js';
import { DKG_DOMAINS } from './domains.js';
import { boundedSlot, header, renderRing, renderSlot, renderTag, ringLayout, type DkgSlot, type RingLayout } from './layout.js';
import { halfQ, hexes, shift, shiftRns } from './common.js';
import type { SecretKind } from './c2.js';

const packedOf = (count: number, r: RingLayout) => Math.ceil(count / r.rns.perField);

// ---- C0 -------------------------------------------------------------------------------------

export function renderC0Params(transport: BfvParameters): string {
  const r = ringLayout(transport);
  return [
    header('c0_transport_pk', r.name),
    renderRing(r),
    `pub global LN2: u32 = ${2 * r.L * r.N};`,
    `pub global P_RNS2: u32 = ${packedOf(2 * r.L * r.N, r)};`,
    renderTag('TAG_TRANSPORT_PK', DOMAINS.C0_TRANSPORT_PK),
    '',
  ].join('\n');
}

export type C0Public = { session: bigint; party: bigint; transportPkCommitment: bigint };

/** pk = (pk0, pk1) over the share-transport set, centred. */
export function buildC0Inputs(transport: BfvParameters, pk: { pk0: RnsPoly; pk1: RnsPoly }, bind: { session: bigint; party: bigint }): { inputs: InputMap; publicInputs: C0Public } {
  const c = commitRnsPolys(DOMAINS.C0_TRANSPORT_PK, [pk.pk0, pk.pk1], transport.moduli, transport.N);
  const inputs: InputMap = {
    pk_s: hexes([...shiftRns(pk.pk0, transport.moduli), ...shiftRns(pk.pk1, transport.moduli)]),
    session: fieldToHex(bind.session),
    party: fieldToHex(bind.party),
  };
  return { inputs, publicInputs: { ...bind, transportPkCommitment: c } };
}

export const c0PublicList = (p: C0Public): bigint[] => [p.session, p.party, p.transportPkCommitment];

// ---- sums mod q (C4, C5) ----------------------------------------------------------------------

export type SumLayout = { ring: RingLayout; D: number; carry: DkgSlot };

export function sumLayout(params: BfvParameters, D: number): SumLayout {
  if (!Number.isInteger(D) || D < 1) throw new CircuitInputError('need at least one member', { details: `D = ${D}` });
  const ring = ringLayout(params);
  return { ring, D, carry: boundedSlot(BigInt(D) / 2n + 1n, ring.L * ring.N) };
}

function renderSum(pkg: string, l: SumLayout, what: string, tags: string[]): string {
  return [
    header(pkg, `${l.ring.name}, ${what}, D = ${l.D} members`),
    renderRing(l.ring),
    `pub global D: u32 = ${l.D};`,
    `pub global DLN: u32 = ${l.D * l.ring.L * l.ring.N};`,
    `pub global LN2: u32 = ${2 * l.ring.L * l.ring.N};`,
    `pub global P_RNS2: u32 = ${packedOf(2 * l.ring.L * l.ring.N, l.ring)};`,
    ...tags,
    renderSlot('CARRY', l.carry),
    '',
  ].join('\n');
}

/** Σ terms (centred) = sum + q·carry, with sum centred; per limb, per coefficient. */
function centredSum(l: SumLayout, terms: readonly RnsPoly[]): { sum: RnsPoly; carry: bigint[] } {
  const { N, moduli } = l.ring;
  const carry: bigint[] = [];
  const sum = moduli.map((q, li) => {
    const h = halfQ(q);
    const out: bigint[] = [];
    for (let j = 0; j < N; j++) {
      let s = 0n;
      for (const t of terms) s += t[li]![j]!;
      let z = ((s % q) + q) % q;
      if (z > h) z -= q;
      carry.push((s - z) / q);
      out.push(z);
    }
    return out;
  });
  return { sum, carry };
}

// ---- C4 -------------------------------------------------------------------------------------

const c4Tags = (kind: SecretKind) =>
  kind === 'sk' ? { share: DOMAINS.C2_SK_SHARE, agg: DOMAINS.C4_SK_AGG } : { share: DOMAINS.C2_ESM_SHARE, agg: DOMAINS.C4_ESM_AGG };

export function renderC4Params(l: SumLayout, kind: SecretKind): string {
  const t = c4Tags(kind);
  return renderSum('c4_aggregation', l, kind === 'sk' ? 'C4a (sk)' : 'C4b (esm)', [renderTag('TAG_SHARE', t.share), renderTag('TAG_AGG', t.agg)]);
}

export type C4Public = { session: bigint; party: bigint; shareCommitments: bigint[]; aggCommitment: bigint };

/**
 * `received`: the shares this party received from the members of A (ascending ids), centred.
 * The output is skAggCommitment / esmAggCommitment of FORMATS.md.
 */
export function buildC4Inputs(l: SumLayout, kind: SecretKind, received: readonly RnsPoly[], bind: { session: bigint; party: bigint }): { inputs: InputMap; publicInputs: C4Public; aggregate: RnsPoly } {
  if (received.length !== l.D) throw new CircuitInputError(`C4 needs ${l.D} received shares, got ${received.length}`);
  const { moduli, N } = l.ring;
  const t = c4Tags(kind);
  const shareCommitments = received.map((y) => commitRnsPolys(t.share, [y], moduli, N));
  const { sum, carry } = centredSum(l, received);
  const aggCommitment = commitRnsPolys(t.agg, [sum], moduli, N);
  const inputs: InputMap = {
    y_s: hexes(received.flatMap((y) => shiftRns(y, moduli))),
    z_s: hexes(shiftRns(sum, moduli)),
    c_s: hexes(shift(carry, l.carry.bound)),
    session: fieldToHex(bind.session),
    party: fieldToHex(bind.party),
    share_commitments: hexes(shareCommitments),
  };
  return { inputs, publicInputs: { ...bind, shareCommitments, aggCommitment }, aggregate: sum };
}

export const c4PublicList = (p: C4Public): bigint[] => [p.session, p.party, ...p.shareCommitments, p.aggCommitment];

/** FORMATS.md: the C4 outputs C6 consumes, from a party's aggregated shares (centred). */
export function c4Commitments(params: Pick<BfvParameters, 'moduli' | 'N'>, skShare: RnsPoly, esmShare: RnsPoly): { skAggCommitment: bigint; esmAggCommitment: bigint } {
  return {
    skAggCommitment: commitRnsPolys(DOMAINS.C4_SK_AGG, [skShare], params.moduli, params.N),
    esmAggCommitment: commitRnsPolys(DOMAINS.C4_ESM_AGG, [esmShare], params.moduli, params.N),
  };
}

// ---- C5 -------------------------------------------------------------------------------------

export function renderC5Params(l: SumLayout): string {
  return renderSum('c5_relations', l, 'C5', [renderTag('TAG_CRP', DKG_DOMAINS.CRP), renderTag('TAG_PK_SHARE', DOMAINS.C1_PK_SHARE), renderTag('TAG_PK', DOMAINS.PK)]);
}

export type C5Public = { session: bigint; crpCommitment: bigint; pkShareCommitments: bigint[]; pkCommitment: bigint };

/** `p0s`: the pk shares of A (ascending ids), centred; `a` centred. Output: the user-encryption pk commitment. */
export function buildC5Inputs(l: SumLayout, a: RnsPoly, p0s: readonly RnsPoly[], session: bigint): { inputs: InputMap; publicInputs: C5Public; pk0: RnsPoly } {
  if (p0s.length !== l.D) throw new CircuitInputError(`C5 needs ${l.D} pk shares, got ${p0s.length}`);
  const { moduli, N } = l.ring;
  const crpCommitment = commitRnsPolys(DKG_DOMAINS.CRP, [a], moduli, N);
  const pkShareCommitments = p0s.map((p) => commitRnsPolys(DOMAINS.C1_PK_SHARE, [p], moduli, N));
  const { sum, carry } = centredSum(l, p0s);
  const pkCommitment = commitRnsPolys(DOMAINS.PK, [sum, a], moduli, N);
  const inputs: InputMap = {
    a_s: hexes(shiftRns(a, moduli)),
    p0_s: hexes(p0s.flatMap((p) => shiftRns(p, moduli))),
    pk0_s: hexes(shiftRns(sum, moduli)),
    c_s: hexes(shift(carry, l.carry.bound)),
    session: fieldToHex(session),
    crp_commitment: fieldToHex(crpCommitment),
    pk_share_commitments: hexes(pkShareCommitments),
  };
  return { inputs, publicInputs: { session, crpCommitment, pkShareCommitments, pkCommitment }, pk0: sum };
}

export const c5PublicList = (p: C5Public): bigint[] => [p.session, p.crpCommitment, ...p.pkShareCommitments, p.pkCommitment];
