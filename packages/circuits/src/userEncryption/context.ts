/**
 * What binds an input proof to its use (the `context` public input, absorbed into the first
 * Fiat-Shamir challenge): context = keccak256(abi.encode(uint256 chainId, address orchestrator,
 * uint256 e3Id, address submitter)) mod p — the twin of `inputContext` in the input verifier.
 * A ciphertext + proof copied to another submitter, E3, orchestrator or chain no longer verifies.
 * The blob digest (keccak256 of the versioned hashes, mod p) is the ciphertext commitment of the
 * blob data path — the twin of `blobDigest`.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { CircuitInputError } from '../errors.js';
import { FR_MODULUS } from '../poseidon2/field.js';

export type InputContext = { chainId: bigint | number; orchestrator: string; e3Id: bigint; submitter: string };

function beToBigint(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

function uintWord(v: bigint, name: string): Uint8Array {
  if (v < 0n || v >= 1n << 256n) throw new CircuitInputError(`${name} is not a uint256`, { details: String(v) });
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

function addressWord(a: string, name: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(a)) throw new CircuitInputError(`${name} is not an address`, { details: a });
  return uintWord(BigInt(a), name);
}

export function inputContext(c: InputContext): bigint {
  const enc = new Uint8Array(128);
  enc.set(uintWord(BigInt(c.chainId), 'chainId'), 0);
  enc.set(addressWord(c.orchestrator, 'orchestrator'), 32);
  enc.set(uintWord(c.e3Id, 'e3Id'), 64);
  enc.set(addressWord(c.submitter, 'submitter'), 96);
  return beToBigint(keccak_256(enc)) % FR_MODULUS;
}

/** Digest of a blob-carried ciphertext: keccak256 of the concatenated 32-byte versioned hashes, mod p. */
export function blobDigest(versionedHashes: readonly Uint8Array[]): bigint {
  const enc = new Uint8Array(32 * versionedHashes.length);
  versionedHashes.forEach((h, i) => {
    if (h.length !== 32 || h[0] !== 1) throw new CircuitInputError('not a KZG versioned hash (32 bytes, version 0x01)', { details: `hash ${i}` });
    enc.set(h, 32 * i);
  });
  return beToBigint(keccak_256(enc)) % FR_MODULUS;
}
