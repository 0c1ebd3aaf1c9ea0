/**
 * A program's input circuit (docs/ZK.md "Program validity proofs"): the user-encryption statement
 * and the program's validity constraints in ONE circuit over one witness, so the validity is about
 * the plaintext inside the submitted ciphertext. The public inputs are user_encryption's six
 * (pk commitment, ct digest, alpha, gamma, ct evaluation, context) followed by the program's own
 * (e.g. the voter and the allowlist root); the verifier rebuilds all of them from what it trusts
 * (the ciphertext, the E3's key and context, the submitter, the values fixed at request) and takes
 * only alpha and gamma from the proof (the circuit recomputes both).
 */
import type { InputMap } from '@noir-lang/noir_js';
import { ZkCircuit, type Proof } from '../circuit.js';
import type { ZkConfig } from '../config.js';
import { CircuitArtifactError, CircuitInputError } from '../errors.js';
import { fieldToHex, FR_MODULUS } from '../poseidon2/field.js';
import { renderParamsNr, userEncryptionLayout, type EncryptionParams, type UserEncryptionLayout } from '../userEncryption/layout.js';
import { buildInputs, publicInputList, type EncryptionWitness, type InputBinding } from '../userEncryption/witness.js';
import { ciphertextDigest, ciphertextEvaluation, encodeCiphertext, type CentredCiphertext } from '../userEncryption/ciphertext.js';
import type { VerifyResult } from '../verifier/evm.js';

export type ProgramCircuitName = 'ballot_validity' | 'datapool_validity';

const USER_ENC_ABI = ['pk_s', 'u_s', 'e0_s', 'e1_s', 'k1', 'r1_s', 'p1_s', 'r2'];
const USER_ENC_PUBLIC = ['pk_commitment', 'ct_digest', 'alpha', 'gamma', 'ct_eval', 'context'];

const toBytes32 = (v: bigint) => Uint8Array.from(Buffer.from(fieldToHex(v).slice(2), 'hex'));
function fromBytes32(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

export class ProgramInputCircuit {
  private constructor(
    readonly name: ProgramCircuitName,
    readonly layout: UserEncryptionLayout,
    readonly circuit: ZkCircuit,
    /** Names of the program's public inputs, after user_encryption's six. */
    readonly programPublic: readonly string[],
  ) {}

  /**
   * Compiles `name` with the user-encryption constants of `params` and the program's constants
   * (`programNr`, the generated program.nr), and checks the ABI: user_encryption's private inputs,
   * then `programPrivate`, then user_encryption's public inputs, then `programPublic`.
   */
  static async load(
    name: ProgramCircuitName,
    params: EncryptionParams,
    programNr: string,
    programPrivate: readonly string[],
    programPublic: readonly string[],
    config: ZkConfig = {},
  ): Promise<ProgramInputCircuit> {
    const layout = userEncryptionLayout(params);
    const circuit = await ZkCircuit.load(name, { [`${name}/src/params.nr`]: renderParamsNr(layout), [`${name}/src/program.nr`]: programNr }, config);
    const expected = [
      ...[...USER_ENC_ABI, ...programPrivate].map((n) => `${n}:private`),
      ...[...USER_ENC_PUBLIC, ...programPublic].map((n) => `${n}:public`),
    ].join(',');
    const names = circuit.program.abi.parameters.map((q) => `${q.name}:${q.visibility}`).join(',');
    if (names !== expected) {
      await circuit.close();
      throw new CircuitArtifactError(`${name} artifact does not have the expected ABI`, { details: `${names} != ${expected}` });
    }
    return new ProgramInputCircuit(name, layout, circuit, programPublic);
  }

  /**
   * Proves the witness with the program's extra inputs (`program`: its private and public values,
   * by ABI name). `strict: false` skips the user-encryption witness checks (negative tests).
   */
  async prove(w: EncryptionWitness, binding: InputBinding, program: InputMap, strict = true): Promise<Proof> {
    const { inputs } = buildInputs(w, this.layout, binding, strict);
    return this.circuit.prove({ ...inputs, ...program });
  }

  /**
   * Verifies an input through the deployed Solidity verifier (in-process EVM). Every public input
   * is rebuilt here: the ciphertext's digest and evaluation at the proof's (alpha, gamma), the
   * context, and the program's public values `programValues` (in `programPublic` order). A
   * malformed ciphertext or proof is a rejection with a reason, never an exception.
   */
  async verify(pkCommitment: bigint, ciphertext: CentredCiphertext, proof: Proof, context: bigint, programValues: readonly bigint[]): Promise<VerifyResult> {
    const count = 6 + this.programPublic.length;
    if (programValues.length !== this.programPublic.length) {
      throw new CircuitInputError(`${this.name} takes ${this.programPublic.length} program public values`, { details: `got ${programValues.length}` });
    }
    if (proof.publicInputs.length !== count || proof.publicInputs.some((x) => x.length !== 32)) {
      return { ok: false, gasUsed: 0n, reason: `proof must carry ${count} public inputs of 32 bytes` };
    }
    for (const v of [pkCommitment, context, ...programValues]) {
      if (v < 0n || v >= FR_MODULUS) return { ok: false, gasUsed: 0n, reason: 'public value out of field' };
    }
    const alpha = fromBytes32(proof.publicInputs[2]!);
    const gamma = fromBytes32(proof.publicInputs[3]!);
    let ctDigest: bigint;
    let ctEval: bigint;
    try {
      encodeCiphertext(ciphertext, this.layout); // shape and range checks
      ctDigest = ciphertextDigest(ciphertext, this.layout);
      ctEval = ciphertextEvaluation(ciphertext, alpha, gamma, this.layout);
    } catch (e) {
      if (e instanceof CircuitInputError) return { ok: false, gasUsed: 0n, reason: `malformed ciphertext: ${e.shortMessage}` };
      throw e;
    }
    const publicInputs = [...publicInputList({ pkCommitment, ctDigest, alpha, gamma, ctEval, context }), ...programValues].map(toBytes32);
    return this.circuit.verify({ proof: proof.proof, publicInputs });
  }

  async close(): Promise<void> {
    await this.circuit.close();
  }
}
