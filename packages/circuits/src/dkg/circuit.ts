/**
 * A DKG circuit ready to prove and verify (issue 9): a ZkCircuit (compiled with the per-session
 * params.nr overlay, its patched Solidity verifier deployed in the in-process EVM) whose
 * verification takes the EXPECTED public inputs from the caller — the session, the party and the
 * commitments of the earlier steps — never from the proof. A proof made for another E3, another
 * party, or another commitment is therefore rejected by the deployed verifier.
 */
import type { InputMap } from '@noir-lang/noir_js';
import { ZkCircuit, type Proof } from '../circuit.js';
import type { ZkConfig } from '../config.js';
import type { VerifyResult } from '../verifier/evm.js';
import { CircuitArtifactError } from '../errors.js';
import { toField } from '../poseidon2/field.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js';

/** The DKG's statements, with the two RKG rounds the DKG runs for depth ≥ 1 (rlk/circuit.ts). */
export type DkgCircuitName = 'c0_transport_pk' | 'c1_pk_share' | 'c2_shares' | 'c4_aggregation' | 'c5_pk_aggregation' | 'rlk_contribution' | 'rlk_round2';

/**
 * Where a DKG circuit's generated constants go: its own `src/params.nr`, except C5, whose
 * relations live in the library noir/c5_relations (shared with the key fold).
 */
export function dkgParamsPath(pkg: DkgCircuitName): string {
  return pkg === 'c5_pk_aggregation' ? 'c5_relations/src/params.nr' : `${pkg}/src/params.nr`;
}

/** 32-byte big-endian public inputs. */
export function encodePublicInputs(values: readonly bigint[]): Uint8Array[] {
  return values.map((v) => {
    const out = new Uint8Array(32);
    let x = toField(v);
    for (let i = 31; i >= 0; i--) {
      out[i] = Number(x & 0xffn);
      x >>= 8n;
    }
    return out;
  });
}

export function decodePublicInputs(p: Proof): bigint[] {
  return p.publicInputs.map((b) => BigInt('0x' + Buffer.from(b).toString('hex')));
}

export class DkgCircuit {
  /** Verdicts by (proof, public inputs): a node re-checks the same transcript many times (chain.ts). */
  private readonly verdicts = new Map<string, VerifyResult>();

  private constructor(
    readonly pkg: DkgCircuitName,
    readonly circuit: ZkCircuit,
  ) {}

  static async load(pkg: DkgCircuitName, paramsNr: string, config: ZkConfig = {}): Promise<DkgCircuit> {
    const circuit = await ZkCircuit.load(pkg, { [dkgParamsPath(pkg)]: paramsNr }, config);
    return new DkgCircuit(pkg, circuit);
  }

  get gates(): number {
    return this.circuit.stats.gates;
  }

  /** Proves; the proof's public inputs must equal `expected` (the builder's), else the inputs were inconsistent. */
  async prove(inputs: InputMap, expected: readonly bigint[]): Promise<Proof> {
    const proof = await this.circuit.prove(inputs);
    const got = decodePublicInputs(proof);
    if (got.length !== expected.length || got.some((v, i) => v !== toField(expected[i]!))) {
      throw new CircuitArtifactError(`${this.pkg}: the proof's public inputs differ from the witness builder's`, {
        details: `got ${got.length}, expected ${expected.length}`,
      });
    }
    return proof;
  }

  /** Verifies `proof` against the public inputs the verifier expects (deployed Solidity verifier). */
  async verify(proof: Proof, expected: readonly bigint[]): Promise<VerifyResult> {
    if (expected.length !== this.circuit.publicInputCount) {
      return { ok: false, gasUsed: 0n, reason: `expected ${this.circuit.publicInputCount} public inputs, got ${expected.length}` };
    }
    const publicInputs = encodePublicInputs(expected);
    const key = bytesToHex(sha256(concatBytes(proof.proof, ...publicInputs)));
    const known = this.verdicts.get(key);
    if (known) return known;
    const r = await this.circuit.verify({ proof: proof.proof, publicInputs });
    this.verdicts.set(key, r);
    return r;
  }

  async close(): Promise<void> {
    await this.circuit.close();
  }
}
