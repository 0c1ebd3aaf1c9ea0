/**
 * The key fold (spec 003 P2; issue 9, "Aggregation and the chain"): the C1 proofs of the members
 * of A (noir-recursive target) verified inside noir/dkg_pk_aggregate together with C5's statement
 * (noir/c5_relations), giving ONE UltraHonk proof (EVM target) for
 *   [session, crpCommitment, ids..., pkShareCommitments..., pkCommitment]
 * which PkAggregateAdapter checks on chain, with each pk-share commitment signed by its member.
 *
 * What it proves: the user-encryption key commitment is C5's sum of |A| pk shares, each of the
 * form −a·sk + e with sk ternary and e small for this session's a (C1) — the rogue-key choice
 * p0* − Σ_{j≠i} p0_j has no such proof. What it does not: C2 and C4 (the sharing of sk and esm,
 * checked by every member off chain before it signs) — see docs/ZK.md "The key fold".
 *
 * Size: each in-circuit verification costs ~0.70 M gates (RECURSION.md), C5 ~0.06 M at
 * INSECURE_N512: |A| = 3 is a 2^22 circuit.
 */
import type { InputMap } from '@noir-lang/noir_js';
import type { DkgParty, PkShare, Session } from '@interfold/threshold';
import type { ZkConfig } from '../config.js';
import { ZkCircuit, type Proof } from '../circuit.js';
import { CircuitArtifactError, CircuitInputError, VerificationError } from '../errors.js';
import { fieldToHex } from '../poseidon2/field.js';
import type { VerifyResult } from '../verifier/evm.js';
import { commitRnsPolys } from '../commitments/rns.js';
import { DOMAINS } from '../commitments/domains.js';
import { DkgCircuit, decodePublicInputs, encodePublicInputs } from '../dkg/circuit.js';
import { buildC1Inputs, c1Binding, c1PublicList, c1WitnessFromDealer, renderC1Params, type C1Public } from '../dkg/c1.js';
import { buildC5Inputs, renderC5Params } from '../dkg/aggregate.js';
import { dkgLayouts, type DkgLayouts } from '../dkg/circuits.js';
import { centred, crpCommitment, sessionField } from '../dkg/common.js';
import { RecursiveProver, type InnerProof, type InnerVk } from './recursive.js';
import { INNER_PROOF_LEN, renderInnerVkNr, toHexList, type FoldedProof } from './common.js';

const FOLD_ABI =
  'c1_vk:private,c1_key_hash:private,c1_proofs:private,sk_commitments:private,esm_commitments:private,a_s:private,p0_s:private,pk0_s:private,c_s:private,' +
  'session:public,crp_commitment:public,ids:public,pk_share_commitments:public';

/** Party ids are committee indices below 2^16 (the circuit's ID_BITS). */
const MAX_ID = 1 << 16;

/** A member's C1 proof in the recursive target, with the public inputs it claims. */
export type FoldableC1 = { party: number; publicInputs: C1Public; proof: InnerProof };

/** The statement the key fold proves: PkAggregateAdapter's public inputs, named. */
export type PkFoldStatement = {
  session: bigint;
  crpCommitment: bigint;
  /** A, ascending. */
  ids: number[];
  /** Each member's C1 pk-share commitment (what its member signs for the chain). */
  pkShareCommitments: bigint[];
  /** The user-encryption key commitment, commitRnsPolys(PK, [pk0, a]). */
  pkCommitment: bigint;
};

export type FoldedPk = FoldedProof & { statement: PkFoldStatement };

export class PkFoldCircuit {
  private constructor(
    readonly session: Session,
    readonly D: number,
    readonly layouts: DkgLayouts,
    readonly c1: DkgCircuit,
    readonly inner: RecursiveProver,
    readonly innerVk: InnerVk,
    readonly outer: ZkCircuit,
  ) {}

  /** Loads C1 (recursive target: its vk is pinned in the fold) and the fold for |A| = D. */
  static async load(session: Session, D: number = session.n, config: ZkConfig = {}): Promise<PkFoldCircuit> {
    if (!Number.isSafeInteger(D) || D < session.T + 1 || D > session.n) {
      throw new CircuitInputError('|A| must be in T + 1 ..= n', { details: `D = ${D}, T = ${session.T}, n = ${session.n}` });
    }
    const layouts = dkgLayouts(session, D);
    const c1 = await DkgCircuit.load('c1_pk_share', renderC1Params(layouts.c1), config);
    let inner: RecursiveProver | undefined;
    try {
      inner = await RecursiveProver.open(c1.circuit);
      const innerVk = await inner.vk();
      const outer = await ZkCircuit.load('dkg_pk_aggregate', pkFoldOverlays(layouts, innerVk), config);
      const names = outer.program.abi.parameters.map((q) => `${q.name}:${q.visibility}`).join(',');
      if (names !== FOLD_ABI) {
        await outer.close();
        throw new CircuitArtifactError('dkg_pk_aggregate artifact does not have the expected ABI', { details: `${names} != ${FOLD_ABI}` });
      }
      return new PkFoldCircuit(session, D, layouts, c1, inner, innerVk, outer);
    } catch (e) {
      await inner?.close();
      await c1.close();
      throw e;
    }
  }

  /** A member's C1 proof for folding: its pk share's witness proved in the recursive target. */
  async proveC1(party: DkgParty, pkShare: PkShare): Promise<FoldableC1> {
    const w = c1WitnessFromDealer(this.session, party.witness, pkShare);
    const { inputs, publicInputs } = buildC1Inputs(w, this.layouts.c1, c1Binding(this.session, party.id));
    const proof = await this.inner.prove(await this.c1.circuit.witness(inputs));
    const expected = c1PublicList(publicInputs);
    if (proof.publicInputs.length !== expected.length || proof.publicInputs.some((x, i) => x !== expected[i])) {
      throw new CircuitArtifactError('recursive C1 proof carries unexpected public inputs');
    }
    return { party: party.id, publicInputs, proof };
  }

  /**
   * Folds the C1 proofs of A (exactly D of them, any order) with C5 over `pkShares` (by party).
   * Each proof must claim this session, its party, the session's crp and the commitment of the
   * party's pk share, else VerificationError: the fold would give a proof the deployed verifier
   * rejects. The inner proofs themselves are checked only by that verifier with the development
   * CRS (RecursiveProver.bbVerify needs the ceremony CRS). `session`: another DKG session of the
   * same shape (parameters, n, T, smudging) than the one loaded — a daemon loads the fold once
   * and folds every E3's keys with it.
   */
  async fold(c1s: readonly FoldableC1[], pkShares: ReadonlyMap<number, PkShare>, session: Session = this.session): Promise<FoldedPk> {
    this.checkShape(session);
    const used = this.select(c1s);
    const s = session;
    const { moduli, N } = this.layouts.sum.ring;
    const crp = crpCommitment(s.params, s.a);
    const sid = sessionField(s.id);
    for (const c of used) {
      const share = pkShares.get(c.party);
      if (!share) throw new CircuitInputError('no pk share for a member of A', { details: `party ${c.party}` });
      const pkShareCommitment = commitRnsPolys(DOMAINS.C1_PK_SHARE, [centred(s.params, share.p0)], moduli, N);
      const claimed = c1PublicList({ ...c.publicInputs, session: sid, party: BigInt(c.party), crpCommitment: crp, pkShareCommitment });
      if (c.proof.publicInputs.length !== claimed.length || c.proof.publicInputs.some((x, k) => x !== claimed[k])) {
        throw new VerificationError("a C1 proof is not for this session, party, common polynomial or pk share", { details: `party ${c.party}` });
      }
    }
    return this.proveUnchecked(used, pkShares, session);
  }

  /** Proves the fold without checking the inner proofs' claims (tests: a forged fold must fail on chain). */
  async proveUnchecked(c1s: readonly FoldableC1[], pkShares: ReadonlyMap<number, PkShare>, session: Session = this.session): Promise<FoldedPk> {
    this.checkShape(session);
    const { inputs, statement } = this.build(this.select(c1s), pkShares, session);
    const proof = await this.outer.prove(inputs);
    const expected = pkFoldPublicInputs(statement, this.D);
    const got = decodePublicInputs(proof);
    if (got.length !== expected.length || got.some((b, i) => b !== expected[i])) {
      throw new CircuitArtifactError('the key fold proof carries unexpected public inputs');
    }
    return { proof: proof.proof, publicInputs: toHexList(expected), statement };
  }

  /** Verifies through the fold's deployed Solidity verifier against the statement the VERIFIER expects. */
  async verify(proof: Uint8Array, expected: PkFoldStatement): Promise<VerifyResult> {
    let pi: bigint[];
    try {
      pi = pkFoldPublicInputs(expected, this.D);
    } catch (e) {
      if (e instanceof CircuitInputError) return { ok: false, gasUsed: 0n, reason: e.shortMessage };
      throw e;
    }
    const p: Proof = { proof, publicInputs: encodePublicInputs(pi) };
    return this.outer.verify(p);
  }

  /** The D proofs sorted by party; refuses duplicates, a wrong count, malformed proofs. */
  private select(c1s: readonly FoldableC1[]): FoldableC1[] {
    const sorted = [...c1s].sort((a, b) => a.party - b.party);
    if (sorted.length !== this.D) throw new CircuitInputError(`the key fold needs |A| = ${this.D} C1 proofs`, { details: `got ${sorted.length}` });
    sorted.forEach((c, i) => {
      if (i > 0 && c.party === sorted[i - 1]!.party) throw new CircuitInputError('two C1 proofs from one party', { details: `party ${c.party}` });
      if (c.proof.fields.length !== INNER_PROOF_LEN) throw new CircuitInputError('malformed inner proof', { details: `party ${c.party}: ${c.proof.fields.length} fields` });
    });
    checkMembers(sorted.map((c) => c.party), this.D);
    return sorted;
  }

  /** The circuits are per shape: a session of another shape would give a proof no verifier accepts. */
  private checkShape(s: Session): void {
    const l = this.session;
    const same = s.params.fingerprint.every((b, i) => b === l.params.fingerprint[i]) && s.n === l.n && s.T === l.T && s.smudging.perParty === l.smudging.perParty;
    if (!same) throw new CircuitInputError('the session is of another shape than the loaded key fold', { details: `n = ${s.n}, T = ${s.T}` });
  }

  private build(used: readonly FoldableC1[], pkShares: ReadonlyMap<number, PkShare>, s: Session): { inputs: InputMap; statement: PkFoldStatement } {
    const p0s = used.map((c) => {
      const share = pkShares.get(c.party);
      if (!share) throw new CircuitInputError('no pk share for a member of A', { details: `party ${c.party}` });
      return centred(s.params, share.p0);
    });
    const c5 = buildC5Inputs(this.layouts.sum, centred(s.params, s.a), p0s, sessionField(s.id));
    const ids = used.map((c) => c.party);
    const statement: PkFoldStatement = {
      session: c5.publicInputs.session,
      crpCommitment: c5.publicInputs.crpCommitment,
      ids,
      pkShareCommitments: c5.publicInputs.pkShareCommitments,
      pkCommitment: c5.publicInputs.pkCommitment,
    };
    const inputs: InputMap = {
      ...c5.inputs,
      c1_vk: this.innerVk.fields.map(fieldToHex),
      c1_key_hash: fieldToHex(this.innerVk.hash),
      c1_proofs: used.map((c) => c.proof.fields.map(fieldToHex)),
      sk_commitments: used.map((c) => fieldToHex(c.publicInputs.skCommitment)),
      esm_commitments: used.map((c) => fieldToHex(c.publicInputs.esmCommitment)),
      ids: ids.map((i) => fieldToHex(BigInt(i))),
    };
    return { inputs, statement };
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.outer.close();
    await this.c1.close();
  }
}

/** A: D distinct ids, ascending, in [1, 2^16) (what the circuit checks). */
function checkMembers(ids: readonly number[], D: number): void {
  if (ids.length !== D) throw new CircuitInputError(`A must have ${D} members`, { details: `got ${ids.length}` });
  ids.forEach((id, i) => {
    if (!Number.isSafeInteger(id) || id < 1 || id >= MAX_ID) throw new CircuitInputError('party id out of range', { details: String(id) });
    if (i > 0 && id <= ids[i - 1]!) throw new CircuitInputError('A must be strictly ascending', { details: ids.join(',') });
  });
}

/** The generated files of noir/dkg_pk_aggregate: C5's constants for |A| = D, the pinned C1 vk. */
export function pkFoldOverlays(layouts: DkgLayouts, c1Vk: InnerVk): Record<string, string> {
  return {
    'c5_relations/src/params.nr': renderC5Params(layouts.sum),
    'dkg_pk_aggregate/src/vk.nr': renderInnerVkNr('C1', c1Vk, 6, 'the C1 pk-share circuit (noir-recursive target)'),
  };
}

/** The key fold's public inputs, in the circuit's order (PkAggregateAdapter builds the same list). */
export function pkFoldPublicInputs(s: PkFoldStatement, D: number): bigint[] {
  checkMembers(s.ids, D);
  if (s.pkShareCommitments.length !== D) throw new CircuitInputError(`need ${D} pk-share commitments`, { details: `got ${s.pkShareCommitments.length}` });
  return [s.session, s.crpCommitment, ...s.ids.map(BigInt), ...s.pkShareCommitments, s.pkCommitment];
}
