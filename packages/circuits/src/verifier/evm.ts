/**
 * An in-process EVM (@ethereumjs/vm) holding deployed verifier contracts. Verification from
 * TypeScript calls the same bytecode a chain runs, so nodes and the chain accept exactly the same
 * proofs. (`verify(bytes,bytes32[])` reverts on malformed proofs: a revert is a rejection.)
 */
import { createVM, type VM } from '@ethereumjs/vm';
import { createAddressFromString, type Address } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { CircuitArtifactError } from '../errors.js';
import { linkBytecode, type CompiledVerifier } from './solidity.js';

const CALLER = createAddressFromString('0x00000000000000000000000000000000000ca11e');
const GAS_LIMIT = 30_000_000n;

const VERIFY_SELECTOR = keccak_256(utf8ToBytes('verify(bytes,bytes32[])')).slice(0, 4);

/** n as a 32-byte big-endian ABI word. */
export function word(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = n;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** ABI encoding of verify(bytes proof, bytes32[] publicInputs). */
export function encodeVerifyCall(proof: Uint8Array, publicInputs: readonly Uint8Array[]): Uint8Array {
  for (const pi of publicInputs) if (pi.length !== 32) throw new RangeError('public inputs must be 32 bytes each');
  const proofPadded = Math.ceil(proof.length / 32) * 32;
  const headLen = 64n;
  const proofOff = headLen;
  const piOff = headLen + 32n + BigInt(proofPadded);
  const parts: Uint8Array[] = [VERIFY_SELECTOR, word(proofOff), word(piOff), word(BigInt(proof.length))];
  const pp = new Uint8Array(proofPadded);
  pp.set(proof);
  parts.push(pp, word(BigInt(publicInputs.length)), ...publicInputs);
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Intrinsic gas of a transaction carrying `data` (21000 + 4/16 per zero/non-zero byte). */
export function intrinsicGas(data: Uint8Array): bigint {
  let g = 21000n;
  for (const b of data) g += b === 0 ? 4n : 16n;
  return g;
}

export type VerifyResult = { ok: boolean; gasUsed: bigint; reason?: string };

export class EvmVerifierHost {
  private constructor(private readonly vm: VM) {}

  static async create(): Promise<EvmVerifierHost> {
    return new EvmVerifierHost(await createVM());
  }

  /** Deploys creation bytecode (hex, no 0x, constructor arguments appended). */
  async deployCode(bytecodeHex: string): Promise<Address> {
    const r = await this.vm.evm.runCall({ caller: CALLER, data: hexToBytes(bytecodeHex), gasLimit: GAS_LIMIT, skipBalance: true });
    if (r.execResult.exceptionError || !r.createdAddress) {
      throw new CircuitArtifactError('verifier deployment failed in the in-process EVM', {
        details: String(r.execResult.exceptionError?.error ?? 'no address'),
      });
    }
    return r.createdAddress;
  }

  /** Deploys the libraries then the linked verifier; returns the verifier's address. */
  async deploy(v: CompiledVerifier): Promise<Address> {
    const addrs: Record<string, string> = {};
    for (const lib of v.libraries) addrs[lib.name] = bytesToHex((await this.deployCode(lib.bytecode)).bytes);
    return this.deployCode(linkBytecode(v, addrs));
  }

  async verify(at: Address, proof: Uint8Array, publicInputs: readonly Uint8Array[]): Promise<VerifyResult> {
    return this.callBool(at, encodeVerifyCall(proof, publicInputs));
  }

  /** Calls a view function returning bool; a revert or any other output is a rejection. */
  async callBool(at: Address, data: Uint8Array): Promise<VerifyResult> {
    const r = await this.vm.evm.runCall({ caller: CALLER, to: at, data, gasLimit: GAS_LIMIT, skipBalance: true });
    const gasUsed = r.execResult.executionGasUsed + intrinsicGas(data);
    if (r.execResult.exceptionError) {
      return { ok: false, gasUsed, reason: `reverted (${String(r.execResult.exceptionError.error)}) 0x${bytesToHex(r.execResult.returnValue.slice(0, 4))}` };
    }
    const ret = r.execResult.returnValue;
    const ok = ret.length === 32 && ret[31] === 1 && ret.slice(0, 31).every((b) => b === 0);
    return ok ? { ok, gasUsed } : { ok, gasUsed, reason: 'returned false' };
  }
}
