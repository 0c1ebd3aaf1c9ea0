/**
 * The user-encryption proof as a library: load the circuit for a parameter set, prove a witness,
 * and verify an input (pk commitment, ciphertext, proof) through the deployed Solidity verifier.
 */
import type { ZkConfig } from '../config.js';
import { ZkCircuit, type Proof } from '../circuit.js';
import type { RnsPoly } from '../commitments/rns.js';
import { CircuitArtifactError, CircuitInputError, VerificationError } from '../errors.js';
import { fieldToHex, FR_MODULUS } from '../poseidon2/field.js';
import { renderParamsNr, userEncryptionLayout, type EncryptionParams, type UserEncryptionLayout } from './layout.js';
import { buildInputs, pkCommitmentOf, publicInputList, type EncryptionWitness, type InputBinding, type UserEncryptionPublicInputs } from './witness.js';
import { ciphertextDigest, ciphertextEvaluation, type CentredCiphertext } from './ciphertext.js';
import type { VerifyResult } from '../verifier/evm.js';
import type { Address } from '@ethereumjs/util';
import { bytesToHex } from '@noble/hashes/utils.js';
import { compileInputVerifier, encodeAddressArg, encodeVerifyBlobInputCall, encodeVerifyInputCall, renderInputVerifier } from '../verifier/inputAdapter.js';
import { encodeCiphertext } from './ciphertext.js';

/** Parameter names and visibilities of main() in noir/user_encryption (the TS side depends on them). */
const EXPECTED_ABI = [
  'pk_s:private',
  'u_s:private',
  'e0_s:private',
  'e1_s:private',
  'k1:private',
  'r1_s:private',
  'p1_s:private',
  'r2:private',
  'pk_commitment:public',
  'ct_digest:public',
  'alpha:public',
  'gamma:public',
  'ct_eval:public',
  'context:public',
].join(',');

export type CentredPublicKey = { pk0: RnsPoly; pk1: RnsPoly };
export type { CentredCiphertext } from './ciphertext.js';

export type UserEncryptionProof = {
  /** Proof bytes and the 6 public inputs: pk commitment, ct digest, alpha, gamma, ct evaluation, context. */
  proof: Proof;
  publicInputs: UserEncryptionPublicInputs;
};

const toBytes32 = (v: bigint) => Uint8Array.from(Buffer.from(fieldToHex(v).slice(2), 'hex'));
function fromBytes32(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

export class UserEncryptionCircuit {
  private adapter: Address | undefined;

  private constructor(
    readonly layout: UserEncryptionLayout,
    readonly circuit: ZkCircuit,
    /** Creation bytecode of the on-chain input verifier (constructor: the HonkVerifier address). */
    readonly inputVerifierBytecode: string,
    readonly inputVerifierSource: string,
  ) {}

  static async load(params: EncryptionParams, config: ZkConfig = {}): Promise<UserEncryptionCircuit> {
    const layout = userEncryptionLayout(params);
    const circuit = await ZkCircuit.load('user_encryption', { 'user_encryption/src/params.nr': renderParamsNr(layout) }, config);
    const names = circuit.program.abi.parameters.map((q) => `${q.name}:${q.visibility}`).join(',');
    if (names !== EXPECTED_ABI) {
      await circuit.close();
      throw new CircuitArtifactError('user_encryption artifact does not have the expected ABI', { details: `${names} != ${EXPECTED_ABI}` });
    }
    const source = renderInputVerifier(layout);
    return new UserEncryptionCircuit(layout, circuit, compileInputVerifier(source, circuit.config.cacheDir), source);
  }

  /** The threshold public key commitment (the format C5 outputs; a user-encryption public input). */
  pkCommitment(pk: CentredPublicKey): bigint {
    return pkCommitmentOf(pk.pk0, pk.pk1, this.layout);
  }

  /**
   * Proves a witness for `binding` (its context, and for blob inputs the blob digest), validated
   * first: a bad witness is a CircuitInputError before any proving.
   */
  async proveWitness(w: EncryptionWitness, binding: InputBinding): Promise<UserEncryptionProof> {
    const { inputs, publicInputs } = buildInputs(w, this.layout, binding);
    return { proof: await this.circuit.prove(inputs), publicInputs };
  }

  /** Proves with unchecked inputs (negative tests: the circuit itself must reject). */
  async proveUnchecked(w: EncryptionWitness, binding: InputBinding): Promise<UserEncryptionProof> {
    const { inputs, publicInputs } = buildInputs(w, this.layout, binding, false);
    return { proof: await this.circuit.prove(inputs), publicInputs };
  }

  /**
   * Verifies an encrypted input through the deployed on-chain input verifier (in the in-process
   * EVM): it recomputes the ciphertext digest and, at the challenges (alpha, gamma) the proof
   * carries, the ciphertext evaluation, then runs the UltraHonk verifier on
   * [pkCommitment, digest, alpha, gamma, evaluation]. The challenges are bound by the proof (the
   * circuit recomputes them from the digest and the committed witness). A malformed ciphertext or
   * proof is a rejection, never an exception.
   */
  async verifyInput(pkCommitment: bigint, ciphertext: CentredCiphertext, proof: Proof, context: bigint): Promise<VerifyResult> {
    if (proof.publicInputs.length !== 6 || proof.publicInputs.some((x) => x.length !== 32)) {
      return { ok: false, gasUsed: 0n, reason: 'proof must carry 6 public inputs of 32 bytes' };
    }
    if (pkCommitment < 0n || pkCommitment >= FR_MODULUS) return { ok: false, gasUsed: 0n, reason: 'pk commitment out of field' };
    let ct: Uint8Array;
    try {
      ct = encodeCiphertext(ciphertext, this.layout);
    } catch (e) {
      if (e instanceof CircuitInputError) return { ok: false, gasUsed: 0n, reason: `malformed ciphertext: ${e.shortMessage}` };
      throw e;
    }
    return this.verifyEncodedInput(pkCommitment, ct, proof, context);
  }

  private async inputVerifier(): Promise<{ host: Awaited<ReturnType<ZkCircuit['deployed']>>['host']; adapter: Address }> {
    const { host, address } = await this.circuit.deployed();
    if (!this.adapter) this.adapter = await host.deployCode(this.inputVerifierBytecode + encodeAddressArg(bytesToHex(address.bytes)));
    return { host, adapter: this.adapter };
  }

  /** verifyInput on the canonical ciphertext encoding (as it would arrive on chain). */
  async verifyEncodedInput(pkCommitment: bigint, ciphertext: Uint8Array, proof: Proof, context: bigint): Promise<VerifyResult> {
    if (proof.publicInputs.length !== 6) return { ok: false, gasUsed: 0n, reason: 'proof must carry 6 public inputs' };
    const alpha = fromBytes32(proof.publicInputs[2]!);
    const gamma = fromBytes32(proof.publicInputs[3]!);
    const { host, adapter } = await this.inputVerifier();
    return host.callBool(adapter, encodeVerifyInputCall(pkCommitment, ciphertext, proof.proof, alpha, gamma, context));
  }

  /**
   * The blob data path, in full: the deployed verifier's `verifyBlobInput` (the proof against the
   * digest of `blobHashes` and the claimed evaluation `ctEval`) AND the check only an off-chain
   * verifier can make: the ciphertext decoded from the blobs evaluates to `ctEval` at the proof's
   * challenges. The caller must have checked that `ciphertext` is what the blobs with these
   * versioned hashes carry (KZG commitments; the SDK's blob module does).
   */
  async verifyBlobInput(
    pkCommitment: bigint,
    blobHashes: readonly Uint8Array[],
    ciphertext: CentredCiphertext,
    ctEval: bigint,
    proof: Proof,
    context: bigint,
  ): Promise<VerifyResult> {
    if (proof.publicInputs.length !== 6) return { ok: false, gasUsed: 0n, reason: 'proof must carry 6 public inputs' };
    const alpha = fromBytes32(proof.publicInputs[2]!);
    const gamma = fromBytes32(proof.publicInputs[3]!);
    let evaluation: bigint;
    try {
      encodeCiphertext(ciphertext, this.layout); // shape and range checks
      evaluation = ciphertextEvaluation(ciphertext, alpha, gamma, this.layout);
    } catch (e) {
      if (e instanceof CircuitInputError) return { ok: false, gasUsed: 0n, reason: `malformed ciphertext: ${e.shortMessage}` };
      throw e;
    }
    if (evaluation !== ctEval) return { ok: false, gasUsed: 0n, reason: 'the blob ciphertext does not evaluate to the claimed ctEval' };
    const { host, adapter } = await this.inputVerifier();
    return host.callBool(adapter, encodeVerifyBlobInputCall(pkCommitment, blobHashes, ctEval, proof.proof, alpha, gamma, context));
  }

  /** The TypeScript twin of the input verifier's public-input computation (for nodes that skip the EVM, and tests). */
  publicInputsFor(pkCommitment: bigint, ciphertext: CentredCiphertext, alpha: bigint, gamma: bigint, context: bigint): Uint8Array[] {
    const digest = ciphertextDigest(ciphertext, this.layout);
    const evaluation = ciphertextEvaluation(ciphertext, alpha, gamma, this.layout);
    return publicInputList({ pkCommitment, ctDigest: digest, alpha, gamma, ctEval: evaluation, context }).map(toBytes32);
  }

  /** verifyInput, throwing VerificationError on rejection. */
  async assertValidInput(pkCommitment: bigint, ciphertext: CentredCiphertext, proof: Proof, context: bigint): Promise<VerifyResult> {
    const r = await this.verifyInput(pkCommitment, ciphertext, proof, context);
    if (!r.ok) throw new VerificationError('encrypted input rejected', { details: r.reason });
    return r;
  }

  async close(): Promise<void> {
    await this.circuit.close();
  }
}
