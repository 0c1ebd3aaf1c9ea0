/**
 * C2a / C2b (spec 003 P1 "Splitting into shares"; issue 9): layout, params.nr and witness
 * builder of noir/c2_shares, one compiled variant per secret kind (sk: C2a, esm: C2b).
 *
 * Public inputs: session, dealer, the C1 secret commitment; outputs: one share commitment per
 * recipient k = 1..n, `commitRnsPolys(C2_SK_SHARE | C2_ESM_SHARE, [y_k], moduli, N)` (FORMATS.md).
 */
import type { InputMap } from '@noir-lang/noir_js';
import type { BfvParameters } from '@interfold/bfv';
import type { ShamirSharing } from '@interfold/threshold';
import { CircuitInputError } from '../errors.js';
import { fieldToHex } from '../poseidon2/field.js';
import { pack } from '../poseidon2/pack.js';
import { spongeHash } from '../poseidon2/sponge.js';
import { commitRnsPolys, type RnsPoly } from '../commitments/rns.js';
import { DOMAINS, domainTag } from '../commitments/domains.js';
import { DKG_DOMAINS } from './domains.js';
import { boundedSlot, header, hexArray, parityMatrices, renderRing, renderSlot, renderTag, ringLayout, slot, type DkgSlot, type RingLayout } from './layout.js';
import { centred, checkRange, hexes, shift, shiftRns } from './common.js';

export type SecretKind = 'sk' | 'esm';

export type C2Layout = {
  kind: SecretKind;
  ring: RingLayout;
  n: number;
  T: number;
  rows: number;
  /** The integer secret: sk (bound 1, 2-bit slots, as C1 commits it) or esm (the smudging bound). */
  s: DkgSlot;
  c: DkgSlot;
  H: bigint[][][];
};

export function c2Layout(params: BfvParameters, n: number, T: number, kind: SecretKind, smudgingBound: bigint): C2Layout {
  const ring = ringLayout(params);
  const s = kind === 'sk' ? slot(1n, 2, ring.N) : boundedSlot(smudgingBound, ring.N);
  const rows = n - T;
  let qMax = 0n;
  for (const q of ring.moduli) if (q > qMax) qMax = q;
  const sMax = s.bound + 1n > qMax ? s.bound + 1n : qMax;
  const c = boundedSlot(BigInt(n + 1) * sMax, rows * ring.L * ring.N);
  return { kind, ring, n, T, rows, s, c, H: parityMatrices(ring.moduli, n, T) };
}

const tags = (kind: SecretKind) =>
  kind === 'sk' ? { secret: DOMAINS.C1_SK, share: DOMAINS.C2_SK_SHARE } : { secret: DOMAINS.C1_ESM, share: DOMAINS.C2_ESM_SHARE };

export function renderC2Params(l: C2Layout): string {
  const t = tags(l.kind);
  return [
    header('c2_shares', `${l.ring.name}, C2${l.kind === 'sk' ? 'a (sk)' : 'b (esm)'}, n = ${l.n}, T = ${l.T}, secret bound ${l.s.bound}`),
    renderRing(l.ring),
    `pub global NP: u32 = ${l.n};`,
    `pub global ROWS: u32 = ${l.rows};`,
    `pub global NLN: u32 = ${l.n * l.ring.L * l.ring.N};`,
    `pub global RLN: u32 = ${l.rows * l.ring.L * l.ring.N};`,
    `pub global FS_LEN: u32 = ${l.n + 5};`,
    `pub global H: [Field; ${l.ring.L * l.rows * (l.n + 1)}] = ${hexArray(l.H.flat(2))};`,
    renderTag('TAG_SECRET', t.secret),
    renderTag('TAG_SHARE', t.share),
    renderTag('TAG_QUOT', DKG_DOMAINS.C2_QUOTIENT),
    renderTag('TAG_GAMMA', DKG_DOMAINS.C2_GAMMA),
    renderSlot('S', l.s),
    renderSlot('C', l.c),
    '',
  ].join('\n');
}

/** The integer secret (sk or esm, centred) and the n shares (centred residues). */
export type C2Witness = { secret: readonly bigint[]; shares: readonly RnsPoly[] };
export type C2Public = { session: bigint; party: bigint; secretCommitment: bigint; shareCommitments: bigint[] };

export function c2WitnessFromSharing(params: BfvParameters, secret: readonly bigint[], sharing: ShamirSharing): C2Witness {
  return { secret, shares: sharing.shares.map((p) => centred(params, p)) };
}

export function shareCommitment(kind: SecretKind, share: RnsPoly, r: RingLayout): bigint {
  return commitRnsPolys(tags(kind).share, [share], r.moduli, r.N);
}

export function secretCommitment(l: C2Layout, secret: readonly bigint[]): bigint {
  return spongeHash(domainTag(tags(l.kind).secret), pack(shift(secret, l.s.bound), l.s.width));
}

/** Quotients C_{r,l} = Z_{r,l} / q_l (exact division, or the sharing is not a codeword). */
function quotients(l: C2Layout, w: C2Witness, strict: boolean): bigint[] {
  const { N, L, moduli } = l.ring;
  const out: bigint[] = [];
  for (let li = 0; li < L; li++) {
    const q = moduli[li]!;
    for (let r = 0; r < l.rows; r++) {
      const h = l.H[li]![r]!;
      for (let j = 0; j < N; j++) {
        let z = h[0]! * w.secret[j]!;
        for (let k = 0; k < l.n; k++) z += h[k + 1]! * w.shares[k]![li]![j]!;
        if (z % q !== 0n) {
          if (strict) throw new CircuitInputError('shares are not a degree-T codeword of the secret', { details: `limb ${li}, row ${r}, coefficient ${j}` });
          out.push(0n); // lets a negative test reach the circuit's own check
        } else out.push(z / q);
      }
    }
  }
  return out;
}

export function buildC2Inputs(w: C2Witness, l: C2Layout, bind: { session: bigint; party: bigint }, strict = true): { inputs: InputMap; publicInputs: C2Public } {
  const { N, moduli } = l.ring;
  if (w.shares.length !== l.n) throw new CircuitInputError(`C2 needs ${l.n} shares, got ${w.shares.length}`);
  checkRange('secret', w.secret, N, -l.s.bound, l.s.bound);
  const c = quotients(l, w, strict);
  checkRange('quotient', c, l.rows * l.ring.L * N, -l.c.bound, l.c.bound);
  const secretC = secretCommitment(l, w.secret);
  const shareCs = w.shares.map((y) => shareCommitment(l.kind, y, l.ring));
  const cS = shift(c, l.c.bound);
  const inputs: InputMap = {
    s_s: hexes(shift(w.secret, l.s.bound)),
    y_s: hexes(w.shares.flatMap((y) => shiftRns(y, moduli))),
    c_s: hexes(cS),
    session: fieldToHex(bind.session),
    party: fieldToHex(bind.party),
    secret_commitment: fieldToHex(secretC),
  };
  return { inputs, publicInputs: { ...bind, secretCommitment: secretC, shareCommitments: shareCs } };
}

export function c2PublicList(p: C2Public): bigint[] {
  return [p.session, p.party, p.secretCommitment, ...p.shareCommitments];
}

