/**
 * proveInput: the user-encryption proof of an encrypted input, bound to where it will be
 * submitted — context = inputContext(chainId, orchestrator, e3Id, submitter) (a copy from any
 * other address or into any other E3 fails on chain) — and the adapter `data` ready to submit.
 * The data path follows the E3's input verifier: ciphertext in calldata (everything checked on
 * chain), or in EIP-4844 blobs (the proof bound to the blobs' versioned hashes; nodes recheck the
 * evaluation). Programs with their own validity proof: none of the built-in programs has one
 * yet; `programProof` is where it will go (docs/SDK.md).
 */
import { encodeAbiParameters, bytesToHex, hexToBytes, type Address, type Hex } from 'viem';
import { blobDigest, centredCiphertext, encodeCiphertext, inputContext, userEncryptionLayout, type UserEncryptionPublicInputs } from '@interfold/circuits/user-encryption';
import type { E3ClientBase } from '../client.js';
import { ConfigurationError, InputError } from '../errors.js';
import { blobSidecars, BLOB_INPUT_DATA, type BlobSidecar } from '@interfold/contracts';
import type { InputProof } from '../prover/types.js';
import type { EncryptedInput } from './encryptInput.js';
import { getE3 } from './getE3.js';

export type InputMode = 'calldata' | 'blob';

export type ProveInputParameters = {
  e3Id: bigint;
  encrypted: EncryptedInput;
  /** Who will submit (default: the client's account). The proof only verifies from this address. */
  submitter?: Address;
  /** Default: from the E3's input verifier. */
  mode?: InputMode;
};

export type ProvedInput = {
  e3Id: bigint;
  mode: InputMode;
  submitter: Address;
  /** The input verifier's `data` (what publishInput takes). */
  data: Hex;
  /** Canonical ciphertext encoding. */
  ciphertext: Uint8Array;
  /** Blob mode: the blobs with their KZG commitments, proofs and versioned hashes. */
  blobs?: BlobSidecar[];
  proof: InputProof;
  publicInputs: UserEncryptionPublicInputs;
};

export const CALLDATA_INPUT_DATA = [
  { type: 'bytes', name: 'ciphertext' },
  { type: 'bytes', name: 'proof' },
  { type: 'uint256', name: 'alpha' },
  { type: 'uint256', name: 'gamma' },
  { type: 'address', name: 'submitter' },
] as const;

/** The data path of an input verifier of this deployment. */
export function inputModeOf(client: E3ClientBase, inputVerifier: Address): InputMode {
  const c = client.deployment.contracts;
  if (c.userEncryptionBlobAdapter && inputVerifier.toLowerCase() === c.userEncryptionBlobAdapter.toLowerCase()) return 'blob';
  if (c.userEncryptionAdapter && inputVerifier.toLowerCase() === c.userEncryptionAdapter.toLowerCase()) return 'calldata';
  throw new ConfigurationError('the E3 input verifier is not a user-encryption adapter of this deployment', { details: inputVerifier });
}

export async function proveInput(client: E3ClientBase, p: ProveInputParameters): Promise<ProvedInput> {
  if (!client.prover) throw new ConfigurationError('proveInput needs a prover', { details: 'pass `prover` to createE3Client (nodeProver() or createBrowserProver(...))' });
  const submitter = p.submitter ?? client.account?.address;
  if (!submitter) throw new ConfigurationError('proveInput needs the submitter address (or an account)');
  const e3 = await getE3(client, { e3Id: p.e3Id });
  const mode = p.mode ?? inputModeOf(client, e3.inputVerifier);
  const params = p.encrypted.publicKey.params;
  const layout = userEncryptionLayout(params);
  const ciphertext = encodeCiphertext(centredCiphertext(p.encrypted.ciphertext), layout);
  const context = inputContext({ chainId: client.deployment.chainId, orchestrator: client.deployment.contracts.orchestrator, e3Id: p.e3Id, submitter });
  let blobs: BlobSidecar[] | undefined;
  let ctDigest: bigint | undefined;
  if (mode === 'blob') {
    blobs = blobSidecars(ciphertext);
    ctDigest = blobDigest(blobs.map((b) => hexToBytes(b.versionedHash)));
  }
  let r: Awaited<ReturnType<NonNullable<E3ClientBase['prover']>['prove']>>;
  try {
    r = await client.prover.prove(params, p.encrypted.witness, ctDigest === undefined ? { context } : { context, ctDigest });
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError('proving the input failed', { details: cause instanceof Error ? cause.message : String(cause), cause });
  }
  const { alpha, gamma, ctEval } = r.publicInputs;
  const proofHex = bytesToHex(r.proof.proof);
  const data =
    mode === 'blob'
      ? encodeAbiParameters(BLOB_INPUT_DATA, [blobs!.map((b) => b.versionedHash), ctEval, proofHex, alpha, gamma, submitter])
      : encodeAbiParameters(CALLDATA_INPUT_DATA, [bytesToHex(ciphertext), proofHex, alpha, gamma, submitter]);
  return { e3Id: p.e3Id, mode, submitter, data, ciphertext, blobs, proof: r.proof, publicInputs: r.publicInputs };
}
