/**
 * Inner proofs for folding (RECURSION.md, recipe steps 1–2): the same Noir circuits, proved with
 * bb's `noir-recursive` settings (Poseidon2 transcript, ZK on) so that an outer Noir circuit can
 * verify them with `std::verify_proof_with_type(.., 6)`; and their verification keys as fields
 * plus the key hash, which the outer circuit pins (a generated `vk.nr`).
 */
import type { Barretenberg } from '@aztec/bb.js';
import { gunzipSync } from 'node:zlib';
import type { ZkCircuit } from '../circuit.js';
import { openNativeBarretenberg } from '../prover/barretenberg.js';
import { ProverError, VerificationError } from '../errors.js';
import { fieldToHex } from '../poseidon2/field.js';

/** bb's `noir-recursive` target: what an in-circuit UltraHonk verifier (proof type 6) expects. */
export const RECURSIVE_SETTINGS = {
  ipaAccumulation: false,
  oracleHashType: 'poseidon2',
  disableZk: false,
  optimizedSolidityVerifier: false,
} as const;

/** Proof type of `std::verify_proof_with_type` for ZK UltraHonk in bb 5 (RECURSION.md). */
export const PROOF_TYPE_HONK_ZK = 6;

/** A verification key as the outer circuit takes it. */
export type InnerVk = { fields: bigint[]; hash: bigint };

/** An inner proof as fields (458 for ZK UltraHonk at any size) and its public inputs. */
export type InnerProof = { fields: bigint[]; publicInputs: bigint[] };

const toBig = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex')));

/** One native bb process proving `circuit` (compiled, with its CRS) for recursion. */
export class RecursiveProver {
  private constructor(
    private readonly api: Barretenberg,
    private readonly circuit: ZkCircuit,
    private readonly acir: Uint8Array,
  ) {}

  static async open(circuit: ZkCircuit): Promise<RecursiveProver> {
    const acir = new Uint8Array(gunzipSync(Buffer.from(circuit.program.bytecode, 'base64')));
    return new RecursiveProver(await openNativeBarretenberg(circuit.crs.path, circuit.config.threads), circuit, acir);
  }

  private vkBytes: Uint8Array | undefined;
  private vkFields: InnerVk | undefined;

  /** The `noir-recursive` verification key (it differs from the EVM one); computed once per session. */
  async vk(): Promise<InnerVk> {
    if (this.vkFields) return this.vkFields;
    try {
      const r = await this.api.circuitComputeVk({ circuit: { name: this.circuit.name, bytecode: this.acir }, settings: RECURSIVE_SETTINGS });
      this.vkBytes = r.bytes;
      this.vkFields = { fields: r.fields.map(toBig), hash: toBig(r.hash) };
      return this.vkFields;
    } catch (e) {
      throw new ProverError('bb failed to compute the recursive verification key', { details: String(e), cause: e });
    }
  }

  /** Proves from a solved (gzipped) witness, as noir_js returns it. */
  async prove(gzippedWitness: Uint8Array): Promise<InnerProof> {
    const witness = new Uint8Array(gunzipSync(gzippedWitness));
    if (!this.vkBytes) await this.vk();
    try {
      const r = await this.api.circuitProve({
        witness,
        circuit: { name: this.circuit.name, bytecode: this.acir, verificationKey: this.vkBytes! },
        settings: RECURSIVE_SETTINGS,
      });
      return { fields: r.proof.map(toBig), publicInputs: r.publicInputs.map(toBig) };
    } catch (e) {
      throw new ProverError('bb failed to prove (recursive target)', { details: String(e), cause: e });
    }
  }

  /**
   * bb's own check of an inner proof, for an aggregator screening proofs before folding. Only with
   * the ceremony CRS: bb's verifier has the ceremony [tau]G2 built in (RECURSION.md), so with the
   * development CRS inner proofs are checked only through the fold's deployed verifier.
   */
  async bbVerify(p: InnerProof): Promise<boolean> {
    if (this.circuit.crs.kind !== 'ceremony') {
      throw new VerificationError('bb verify needs the ceremony CRS', { details: 'with the development CRS, verify the fold through its deployed verifier' });
    }
    await this.vk();
    const hex = (v: bigint) => Uint8Array.from(Buffer.from(fieldToHex(v).slice(2), 'hex'));
    const r = await this.api.circuitVerify({
      verificationKey: this.vkBytes!,
      publicInputs: p.publicInputs.map(hex),
      proof: p.fields.map(hex),
      settings: RECURSIVE_SETTINGS,
    });
    return r.verified;
  }

  async close(): Promise<void> {
    await this.api.destroy();
  }
}
