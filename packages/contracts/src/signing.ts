/**
 * EIP-712 messages of the protocol and the encodings the contracts expect, shared by nodes,
 * tests and tools. Domain: name "Interfold", version "1", chainId, verifyingContract (the
 * contract that checks the signature), exactly as contracts/lib/Signatures.sol.
 */
import { encodeAbiParameters, keccak256, type Address, type Hex, type LocalAccount } from 'viem';
import { InvalidArgumentError } from './errors.js';
import type { AttestationKind } from './types.js';

export const interfoldDomain = (chainId: number, verifyingContract: Address) =>
  ({ name: 'Interfold', version: '1', chainId, verifyingContract }) as const;

export const nodeMessageTypes = {
  NodeMessage: [
    { name: 'e3Id', type: 'uint256' },
    { name: 'slot', type: 'uint256' },
    { name: 'payloadHash', type: 'bytes32' },
  ],
} as const;

export const accusationTypes = {
  Accusation: [
    { name: 'e3Id', type: 'uint256' },
    { name: 'accused', type: 'address' },
    { name: 'proofKind', type: 'uint8' },
    { name: 'statement', type: 'bytes32' },
  ],
} as const;

export const attestationTypes = {
  Attestation: [
    { name: 'e3Id', type: 'uint256' },
    { name: 'kind', type: 'uint8' },
    { name: 'dataHash', type: 'bytes32' },
  ],
} as const;

export const rejectOutputTypes = {
  RejectOutput: [
    { name: 'e3Id', type: 'uint256' },
    { name: 'ciphertextHash', type: 'bytes32' },
  ],
} as const;

export type Signed = { signer: Address; signature: Hex };

/** Signatures ordered by signer address ascending, as every quorum check requires. */
export function sortSigned(signed: readonly Signed[]): Hex[] {
  const sorted = [...signed].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : BigInt(a.signer) > BigInt(b.signer) ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (BigInt(sorted[i].signer) === BigInt(sorted[i - 1].signer)) {
      throw new InvalidArgumentError('two signatures from one signer', { details: sorted[i].signer });
    }
  }
  return sorted.map((s) => s.signature);
}

// --------------------------------------------------------------------------- node messages

/** A node's signature over one protocol message: the unit of equivocation evidence. */
export async function signNodeMessage(
  account: LocalAccount,
  p: { chainId: number; slashingManager: Address; e3Id: bigint; slot: bigint; payloadHash: Hex },
): Promise<Hex> {
  return account.signTypedData({
    domain: interfoldDomain(p.chainId, p.slashingManager),
    types: nodeMessageTypes,
    primaryType: 'NodeMessage',
    message: { e3Id: p.e3Id, slot: p.slot, payloadHash: p.payloadHash },
  });
}

/** payloadHash of a signed proof message: keccak256(abi.encode(proofKind, proof, publicInputs)). */
export function proofPayloadHash(proofKind: number, proof: Hex, publicInputs: readonly Hex[]): Hex {
  return keccak256(
    encodeAbiParameters([{ type: 'uint8' }, { type: 'bytes' }, { type: 'bytes32[]' }], [proofKind, proof, publicInputs]),
  );
}

/** The statement an accusation names: keccak256(abi.encode(publicInputs)). */
export function statementOf(publicInputs: readonly Hex[]): Hex {
  return keccak256(encodeAbiParameters([{ type: 'bytes32[]' }], [publicInputs]));
}

export async function signAccusation(
  account: LocalAccount,
  p: { chainId: number; slashingManager: Address; e3Id: bigint; accused: Address; proofKind: number; statement: Hex },
): Promise<Signed> {
  const signature = await account.signTypedData({
    domain: interfoldDomain(p.chainId, p.slashingManager),
    types: accusationTypes,
    primaryType: 'Accusation',
    message: { e3Id: p.e3Id, accused: p.accused, proofKind: p.proofKind, statement: p.statement },
  });
  return { signer: account.address, signature };
}

// --------------------------------------------------------------------------- quorum verifier

export const pkAttestationHash = (pkCommitment: Hex, publicKey: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }], [pkCommitment, keccak256(publicKey)]));

export const inputAttestationHash = (pkCommitment: Hex, ciphertext: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }], [pkCommitment, keccak256(ciphertext)]));

export const decryptionAttestationHash = (ciphertextCommitment: Hex, plaintext: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }], [ciphertextCommitment, keccak256(plaintext)]));

export async function signAttestation(
  account: LocalAccount,
  p: { chainId: number; verifier: Address; e3Id: bigint; kind: AttestationKind; dataHash: Hex },
): Promise<Signed> {
  const signature = await account.signTypedData({
    domain: interfoldDomain(p.chainId, p.verifier),
    types: attestationTypes,
    primaryType: 'Attestation',
    message: { e3Id: p.e3Id, kind: p.kind, dataHash: p.dataHash },
  });
  return { signer: account.address, signature };
}

/** The `proof` argument of CommitteeQuorumVerifier: abi.encode(bytes[] sortedSignatures). */
export const encodeQuorumProof = (signed: readonly Signed[]): Hex =>
  encodeAbiParameters([{ type: 'bytes[]' }], [sortSigned(signed)]);

/** An input for CommitteeQuorumVerifier: abi.encode(bytes ciphertext, bytes proof). */
export const encodeQuorumInput = (ciphertext: Hex, proof: Hex): Hex =>
  encodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }], [ciphertext, proof]);

export async function signRejectOutput(
  account: LocalAccount,
  p: { chainId: number; orchestrator: Address; e3Id: bigint; ciphertextHash: Hex },
): Promise<Signed> {
  const signature = await account.signTypedData({
    domain: interfoldDomain(p.chainId, p.orchestrator),
    types: rejectOutputTypes,
    primaryType: 'RejectOutput',
    message: { e3Id: p.e3Id, ciphertextHash: p.ciphertextHash },
  });
  return { signer: account.address, signature };
}

// --------------------------------------------------------------------------- input accumulator

export const ZERO_ROOT: Hex = `0x${'00'.repeat(32)}`;

/** root_k = keccak256(abi.encode(root_{k-1}, k, keccak256(data))), as E3Orchestrator.publishInput. */
export function nextInputRoot(root: Hex, index: bigint, data: Hex): Hex {
  return keccak256(
    encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint64' }, { type: 'bytes32' }], [root, index, keccak256(data)]),
  );
}

export function inputRootOf(inputs: readonly Hex[]): Hex {
  let root = ZERO_ROOT;
  inputs.forEach((d, i) => {
    root = nextInputRoot(root, BigInt(i), d);
  });
  return root;
}
