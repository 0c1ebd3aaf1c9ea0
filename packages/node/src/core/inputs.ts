/**
 * The E3's accepted inputs, replaying the orchestrator's accumulator
 * root_k = keccak256(abi.encode(root_{k-1}, k, keccak256(data))) (contracts/src/signing.ts
 * nextInputRoot, E3Orchestrator.publishInput), so the output is recomputed over exactly the
 * inputs the chain accepted.
 */
import { nextInputRoot, ZERO_ROOT } from '@interfold/contracts';
import { Ciphertext, type BfvParameters } from '@interfold/bfv';
import { BaseError } from '@interfold/ring';
import { getAddress, hexToBytes, type Address, type Hex } from 'viem';
import type { ChainEvent } from '../types.js';
import { ciphertextFromBytes, inputCiphertext } from './ciphertext.js';
import { ProgramFailedError, type Program, type ProgramContext, type ProgramInput } from './program.js';

type InputEvent = Extract<ChainEvent, { name: 'InputPublished' }>;

export class InputLog {
  root: Hex = ZERO_ROOT;
  private readonly data: Hex[] = [];
  private readonly senders: Address[] = [];
  /** Blob inputs: the ciphertext bytes the daemon fetched and checked (types.ts InputPublished). */
  private readonly blobCiphertexts: (Hex | undefined)[] = [];
  /** Blob inputs the daemon found invalid (deterministic): not program inputs. */
  private readonly invalid: boolean[] = [];
  /** Set when an event does not extend the chain's accumulator as the contract does. */
  inconsistency: string | undefined;

  get count(): number {
    return this.data.length;
  }

  add(ev: InputEvent): void {
    if (ev.index < BigInt(this.data.length) && this.data[Number(ev.index)] === ev.data) return; // re-delivered
    if (ev.index !== BigInt(this.data.length)) {
      this.inconsistency ??= `input ${ev.index} arrived after ${this.data.length} inputs`;
      return;
    }
    const root = nextInputRoot(this.root, ev.index, ev.data);
    if (root.toLowerCase() !== ev.inputRoot.toLowerCase()) this.inconsistency ??= `input root mismatch at ${ev.index}`;
    this.root = root;
    this.data.push(ev.data);
    this.senders.push(getAddress(ev.sender));
    this.blobCiphertexts.push(ev.ciphertext);
    this.invalid.push(ev.invalidInput !== undefined);
  }

  /** The accepted, valid inputs in chain order (throws InputDecodeError on an undecodable input). */
  programInputs(params: BfvParameters): ProgramInput[] {
    const out: ProgramInput[] = [];
    this.data.forEach((d, i) => {
      if (this.invalid[i]) return; // an invalid blob input: dropped by every honest node alike
      const blob = this.blobCiphertexts[i];
      const ciphertext = blob === undefined ? inputCiphertext(params, d) : ciphertextFromBytes(params, hexToBytes(blob));
      out.push({ index: BigInt(i), submitter: this.senders[i] as Address, ciphertext, data: hexToBytes(d) });
    });
    return out;
  }

  /**
   * The program over the inputs in chain order. A program module is third-party code: whatever it
   * throws, or an output that is not a ciphertext of `params`, becomes a typed ProgramFailedError
   * (the caller then publishes or accepts nothing).
   */
  compute(program: Program, params: BfvParameters, context: ProgramContext): Ciphertext {
    const inputs = this.programInputs(params);
    let ct: unknown;
    try {
      ct = program.compute(params, inputs, context);
    } catch (e) {
      throw new ProgramFailedError('The program threw', { details: `${program.name} (${program.id}): ${e instanceof BaseError ? e.shortMessage : String(e)}`, cause: e });
    }
    const sameParams = ct instanceof Ciphertext && (ct.params === params || ct.params.fingerprint.every((b, i) => b === params.fingerprint[i]));
    if (!(ct instanceof Ciphertext) || !sameParams || ct.polys.length !== 2) throw new ProgramFailedError('The program did not return a degree-1 ciphertext of the E3 parameters', { details: `${program.name} (${program.id})` });
    return ct;
  }
}
