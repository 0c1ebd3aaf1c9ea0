/**
 * A program input as ProgramInputAdapter (contracts/programs/ProgramInputAdapter.sol) takes it:
 * `data` = abi.encode(bytes ciphertext, bytes proof, uint256 alpha, uint256 gamma, address
 * submitter) — UserEncryptionInputAdapter's calldata layout, so nodes read the ciphertext the
 * same way for every input verifier — and the adapter's refusal reasons (its InputStatus enum).
 */
import type { Proof } from '../circuit.js';
import { CircuitInputError } from '../errors.js';
import { word } from '../verifier/evm.js';
import { addressField } from './merkle.js';

/** ProgramInputAdapter.InputStatus, in declaration order, with what each means. */
export const PROGRAM_INPUT_STATUS = [
  { name: 'Accepted', reason: 'accepted' },
  { name: 'NotConfigured', reason: 'the program takes no input for this E3 (not requested with this program, or its request-time parameters are not set)' },
  { name: 'SubmitterMismatch', reason: 'the input names another submitter than the account submitting it (a copied input)' },
  { name: 'MalformedInput', reason: 'the input is not the adapter layout, or its ciphertext is not canonical' },
  { name: 'ProofRejected', reason: 'the proof does not hold for this ciphertext, key, E3, submitter and program parameters (not eligible, out of range, not well formed, or made for another input)' },
] as const;

export type ProgramInputStatus = (typeof PROGRAM_INPUT_STATUS)[number]['name'];

export function programInputStatus(code: number | bigint): (typeof PROGRAM_INPUT_STATUS)[number] {
  const s = PROGRAM_INPUT_STATUS[Number(code)];
  if (s === undefined) throw new CircuitInputError('unknown program input status', { details: String(code) });
  return s;
}

const padded = (b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(Math.ceil(b.length / 32) * 32);
  out.set(b);
  return out;
};

const beBigint = (b: Uint8Array): bigint => b.reduce((v, x) => (v << 8n) | BigInt(x), 0n);

/** The adapter's `data` for a canonical ciphertext encoding and its program proof, as hex. */
export function encodeProgramInput(ciphertext: Uint8Array, proof: Proof, submitter: string): `0x${string}` {
  if (proof.publicInputs.length < 6) throw new CircuitInputError('a program proof carries at least six public inputs', { details: String(proof.publicInputs.length) });
  const alpha = beBigint(proof.publicInputs[2]!);
  const gamma = beBigint(proof.publicInputs[3]!);
  const ctBody = padded(ciphertext);
  const proofBody = padded(proof.proof);
  const ctOff = 5n * 32n;
  const proofOff = ctOff + 32n + BigInt(ctBody.length);
  const parts = [word(ctOff), word(proofOff), word(alpha), word(gamma), word(addressField(submitter)), word(BigInt(ciphertext.length)), ctBody, word(BigInt(proof.proof.length)), proofBody];
  return `0x${parts.map((p) => Buffer.from(p).toString('hex')).join('')}`;
}
