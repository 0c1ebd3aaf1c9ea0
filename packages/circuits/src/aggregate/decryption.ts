/**
 * The decryption fold (spec 003 P4; issue 10, "Aggregation and the chain"): T + 1 C6 proofs
 * (noir-recursive target) verified inside noir/decryption_aggregate together with C7's statement,
 * giving ONE UltraHonk proof (EVM target) for
 *   [e3Id, ctCommitment, ids..., skCommitments..., esmCommitments..., plaintext words...]
 * which DecryptionAggregateAdapter checks on chain (one verification instead of T + 2).
 *
 * Tree: one level. Each in-circuit verification costs ~0.70 M gates (RECURSION.md), C7 ~0.1 M at
 * INSECURE_N512; verifying C7 as a third proof would push T = 1 past 2^21 gates, so its relations
 * run in the fold itself (noir/c7_relations, shared with C7) and the fold stays at 2^21.
 */
import type { InputMap } from '@noir-lang/noir_js';
import type { ZkConfig } from '../config.js';
import { ZkCircuit, type Proof } from '../circuit.js';
import { CircuitArtifactError, CircuitInputError, VerificationError } from '../errors.js';
import { fieldToHex } from '../poseidon2/field.js';
import type { RnsPoly } from '../commitments/rns.js';
import type { EncryptionParams } from '../userEncryption/layout.js';
import type { VerifyResult } from '../verifier/evm.js';
import { DecryptionShareCircuit, fromBytes32, toBytes32 } from '../decryption/circuits.js';
import { c7Layout, renderC7ParamsNr, type C7Layout } from '../decryption/layout.js';
import { buildC6Inputs, c6PublicInputList, decryptionShareCommitment, type DecryptionShareWitness, type ShareBinding } from '../decryption/shareWitness.js';
import { buildC7Inputs, checkDecryptingSet, packPlaintext } from '../decryption/decodeWitness.js';
import { RecursiveProver, type InnerProof, type InnerVk } from './recursive.js';
import { INNER_PROOF_LEN, renderInnerVkNr, toHexList, type FoldedProof, type Hex } from './common.js';

const FOLD_ABI =
  'c6_vk:private,c6_key_hash:private,c6_proofs:private,d_commitments:private,d_s:private,lambda:private,kappa_s:private,u:private,rc_s:private,mp:private,rho:private,m:private,' +
  'e3_id:public,ct_commitment:public,ids:public,sk_commitments:public,esm_commitments:public';

/** A decryption share with its C6 proof in the recursive target (what a node sends the aggregator). */
export type FoldableShare = { party: number; d: RnsPoly; proof: InnerProof };

export type DecryptionFoldContext = {
  e3Id: bigint;
  /** The output ciphertext's commitment (DOMAINS.CIPHERTEXT), as stored on chain. */
  ctCommitment: bigint;
  /** The C4 commitments of every member of the authorised set A, by party id. */
  commitments: ReadonlyMap<number, { skCommitment: bigint; esmCommitment: bigint }>;
};

/** The statement the fold proves: the adapter's public inputs, named. */
export type DecryptionFoldStatement = {
  e3Id: bigint;
  ctCommitment: bigint;
  ids: number[];
  skCommitments: bigint[];
  esmCommitments: bigint[];
  plaintext: bigint[];
};

export type FoldedDecryption = FoldedProof & { statement: DecryptionFoldStatement };

export class DecryptionFoldCircuit {
  private constructor(
    readonly layout: C7Layout,
    readonly c6: DecryptionShareCircuit,
    readonly inner: RecursiveProver,
    readonly innerVk: InnerVk,
    readonly outer: ZkCircuit,
  ) {}

  get T(): number {
    return this.layout.S - 1;
  }

  /** Loads C6 (recursive target: its vk is pinned in the fold) and the fold for threshold T. */
  static async load(params: EncryptionParams, T: number, config: ZkConfig = {}): Promise<DecryptionFoldCircuit> {
    const layout = c7Layout(params, T + 1);
    const c6 = await DecryptionShareCircuit.load(params, config);
    let inner: RecursiveProver | undefined;
    try {
      inner = await RecursiveProver.open(c6.circuit);
      const innerVk = await inner.vk();
      const outer = await ZkCircuit.load('decryption_aggregate', decryptionFoldOverlays(layout, innerVk), config);
      const names = outer.program.abi.parameters.map((q) => `${q.name}:${q.visibility}`).join(',');
      if (names !== FOLD_ABI) {
        await outer.close();
        throw new CircuitArtifactError('decryption_aggregate artifact does not have the expected ABI', { details: `${names} != ${FOLD_ABI}` });
      }
      return new DecryptionFoldCircuit(layout, c6, inner, innerVk, outer);
    } catch (e) {
      await inner?.close();
      await c6.close();
      throw e;
    }
  }

  /** A node's C6 proof for folding: the share's witness proved in the recursive target. */
  async proveShare(w: DecryptionShareWitness, binding: ShareBinding): Promise<FoldableShare> {
    const { inputs, publicInputs } = buildC6Inputs(w, this.c6.layout, binding);
    const proof = await this.inner.prove(await this.c6.circuit.witness(inputs));
    const expected = c6PublicInputList(publicInputs);
    if (proof.publicInputs.length !== expected.length || proof.publicInputs.some((x, i) => x !== expected[i])) {
      throw new CircuitArtifactError('recursive C6 proof carries unexpected public inputs');
    }
    return { party: binding.party, d: w.d, proof };
  }

  /** The T + 1 shares with the smallest ids, ascending; refuses duplicates, too few, non-members. */
  private select(ctx: DecryptionFoldContext, shares: readonly FoldableShare[]): { used: FoldableShare[]; keys: { skCommitment: bigint; esmCommitment: bigint }[] } {
    const S = this.layout.S;
    const sorted = [...shares].sort((a, b) => a.party - b.party);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.party === sorted[i - 1]!.party) throw new CircuitInputError('two shares from one party', { details: `party ${sorted[i]!.party}` });
    }
    if (sorted.length < S) throw new CircuitInputError(`the fold needs T + 1 = ${S} shares`, { details: `got ${sorted.length}` });
    const used = sorted.slice(0, S);
    checkDecryptingSet(used.map((s) => s.party), S);
    const keys = used.map((s) => {
      const k = ctx.commitments.get(s.party);
      if (!k) throw new CircuitInputError('party is not in the authorised set', { details: `party ${s.party}` });
      if (s.proof.fields.length !== INNER_PROOF_LEN) throw new CircuitInputError('malformed inner proof', { details: `party ${s.party}: ${s.proof.fields.length} fields` });
      return k;
    });
    return { used, keys };
  }

  /** The fold's circuit inputs (no check of the inner proofs' public inputs: see fold). */
  foldInputs(ctx: DecryptionFoldContext, shares: readonly FoldableShare[]): InputMap {
    return this.build(ctx, shares).inputs;
  }

  private build(ctx: DecryptionFoldContext, shares: readonly FoldableShare[]): { inputs: InputMap; statement: DecryptionFoldStatement } {
    const { used, keys } = this.select(ctx, shares);
    const ids = used.map((s) => s.party);
    const c7 = buildC7Inputs(ids, used.map((s) => s.d), this.layout);
    const statement: DecryptionFoldStatement = {
      e3Id: ctx.e3Id,
      ctCommitment: ctx.ctCommitment,
      ids,
      skCommitments: keys.map((k) => k.skCommitment),
      esmCommitments: keys.map((k) => k.esmCommitment),
      plaintext: c7.plaintext,
    };
    const inputs: InputMap = {
      ...c7.inputs,
      c6_vk: this.innerVk.fields.map(fieldToHex),
      c6_key_hash: fieldToHex(this.innerVk.hash),
      c6_proofs: used.map((s) => s.proof.fields.map(fieldToHex)),
      e3_id: fieldToHex(ctx.e3Id),
      ct_commitment: fieldToHex(ctx.ctCommitment),
      sk_commitments: statement.skCommitments.map(fieldToHex),
      esm_commitments: statement.esmCommitments.map(fieldToHex),
    };
    return { inputs, statement };
  }

  /**
   * Folds T + 1 shares (the smallest ids are taken when more are given) into one proof. Each
   * share's proof must claim exactly this E3's public inputs (ciphertext, the party's C4
   * commitments, E3, party, the share's commitment), else VerificationError: the fold would give a
   * proof the deployed verifier rejects. The inner proofs themselves are checked only by that
   * verifier with the development CRS (RecursiveProver.bbVerify needs the ceremony CRS).
   */
  async fold(ctx: DecryptionFoldContext, shares: readonly FoldableShare[]): Promise<FoldedDecryption> {
    const { used, keys } = this.select(ctx, shares);
    used.forEach((s, i) => {
      const claimed = c6PublicInputList({
        ctCommitment: ctx.ctCommitment,
        ...keys[i]!,
        e3Id: ctx.e3Id,
        party: BigInt(s.party),
        dCommitment: decryptionShareCommitment(s.d, this.layout),
      });
      if (s.proof.publicInputs.length !== claimed.length || s.proof.publicInputs.some((x, k) => x !== claimed[k])) {
        throw new VerificationError('a share proof is not for this E3, party, ciphertext, key share or share', { details: `party ${s.party}` });
      }
    });
    return this.proveUnchecked(ctx, used);
  }

  /** Proves the fold without checking the inner proofs' claims (tests: a forged fold must fail on chain). */
  async proveUnchecked(ctx: DecryptionFoldContext, shares: readonly FoldableShare[]): Promise<FoldedDecryption> {
    const { inputs, statement } = this.build(ctx, shares);
    const proof = await this.outer.prove(inputs);
    const expected = decryptionFoldPublicInputs(statement, this.layout);
    if (proof.publicInputs.length !== expected.length || proof.publicInputs.some((b, i) => fromBytes32(b) !== expected[i])) {
      throw new CircuitArtifactError('the fold proof carries unexpected public inputs');
    }
    return { proof: proof.proof, publicInputs: toHexList(expected), statement };
  }

  /** Verifies through the fold's deployed Solidity verifier against the statement the VERIFIER expects. */
  async verify(proof: Uint8Array, expected: DecryptionFoldStatement): Promise<VerifyResult> {
    let pi: bigint[];
    try {
      pi = decryptionFoldPublicInputs(expected, this.layout);
    } catch (e) {
      if (e instanceof CircuitInputError) return { ok: false, gasUsed: 0n, reason: e.shortMessage };
      throw e;
    }
    const p: Proof = { proof, publicInputs: pi.map(toBytes32) };
    return this.outer.verify(p);
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.outer.close();
    await this.c6.close();
  }
}

/** The generated files of noir/decryption_aggregate: C7's constants for S = T + 1, the pinned C6 vk. */
export function decryptionFoldOverlays(layout: C7Layout, c6Vk: InnerVk): Record<string, string> {
  return {
    'c7_relations/src/params.nr': renderC7ParamsNr(layout),
    'decryption_aggregate/src/vk.nr': renderInnerVkNr('C6', c6Vk, 6, 'the C6 decryption-share circuit (noir-recursive target)'),
  };
}

/** The fold's public inputs, in the circuit's order (DecryptionAggregateAdapter builds the same list). */
export function decryptionFoldPublicInputs(s: DecryptionFoldStatement, l: C7Layout): bigint[] {
  checkDecryptingSet(s.ids, l.S);
  if (s.skCommitments.length !== l.S || s.esmCommitments.length !== l.S) throw new CircuitInputError(`need ${l.S} key-share commitments`);
  return [s.e3Id, s.ctCommitment, ...s.ids.map(BigInt), ...s.skCommitments, ...s.esmCommitments, ...packPlaintext(s.plaintext, l)];
}

/** Folds T + 1 decryption shares (shared interface 3 of the session): `{ proof, publicInputs }`. */
export async function foldDecryptionProofs(circuit: DecryptionFoldCircuit, ctx: DecryptionFoldContext, shares: readonly FoldableShare[]): Promise<FoldedDecryption> {
  return circuit.fold(ctx, shares);
}

export type { Hex };
