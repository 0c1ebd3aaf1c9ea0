/**
 * The E3's accepted inputs, replaying the orchestrator's accumulator
 * root_k = keccak256(abi.encode(root_{k-1}, k, keccak256(data))) (contracts/src/signing.ts
 * nextInputRoot, E3Orchestrator.publishInput), so the output is recomputed over exactly the
 * inputs the chain accepted.
 */
import { nextInputRoot, ZERO_ROOT } from '@interfold/contracts';
import type { BfvParameters, Ciphertext } from '@interfold/bfv';
import type { Hex } from 'viem';
import type { ChainEvent } from '../types.js';
import { inputCiphertext } from './ciphertext.js';
import type { Program } from './program.js';

type InputEvent = Extract<ChainEvent, { name: 'InputPublished' }>;

export class InputLog {
  root: Hex = ZERO_ROOT;
  private readonly data: Hex[] = [];
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
  }

  /** The program over the inputs in chain order (throws InputDecodeError on an undecodable input). */
  compute(program: Program, params: BfvParameters): Ciphertext {
    const cts = this.data.map((d) => inputCiphertext(params, d));
    return program.compute(params, cts);
  }
}
