/**
 * ABIs of the deployed verifier contracts (viem-style `as const`), for the contracts package and
 * nodes that call them over RPC.
 */

/** bb's UltraHonk verifier (HonkVerifier): reverts or returns false on a bad proof. */
export const honkVerifierAbi = [
  {
    type: 'function',
    name: 'verify',
    stateMutability: 'view',
    inputs: [
      { name: 'proof', type: 'bytes' },
      { name: 'publicInputs', type: 'bytes32[]' },
    ],
    outputs: [{ name: '', type: 'bool' }],
  },
] as const;

/** UserEncryptionInputVerifier (solidity/UserEncryptionInputVerifier.sol.template). */
export const userEncryptionInputVerifierAbi = [
  {
    type: 'constructor',
    stateMutability: 'nonpayable',
    inputs: [{ name: 'verifier_', type: 'address' }],
  },
  {
    type: 'function',
    name: 'verifier',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ name: '', type: 'address' }],
  },
  {
    type: 'function',
    name: 'BLOB_COUNT',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ name: '', type: 'uint256' }],
  },
  {
    type: 'function',
    name: 'inputContext',
    stateMutability: 'pure',
    inputs: [
      { name: 'chainId', type: 'uint256' },
      { name: 'orchestrator', type: 'address' },
      { name: 'e3Id', type: 'uint256' },
      { name: 'submitter', type: 'address' },
    ],
    outputs: [{ name: '', type: 'uint256' }],
  },
  {
    type: 'function',
    name: 'blobDigest',
    stateMutability: 'pure',
    inputs: [{ name: 'blobHashes', type: 'bytes32[]' }],
    outputs: [
      { name: 'ok', type: 'bool' },
      { name: 'digest', type: 'uint256' },
    ],
  },
  {
    type: 'function',
    name: 'verifyInput',
    stateMutability: 'view',
    inputs: [
      { name: 'pkCommitment', type: 'bytes32' },
      { name: 'ciphertext', type: 'bytes' },
      { name: 'proof', type: 'bytes' },
      { name: 'alpha', type: 'uint256' },
      { name: 'gamma', type: 'uint256' },
      { name: 'context', type: 'uint256' },
    ],
    outputs: [{ name: '', type: 'bool' }],
  },
  {
    type: 'function',
    name: 'verifyBlobInput',
    stateMutability: 'view',
    inputs: [
      { name: 'pkCommitment', type: 'bytes32' },
      { name: 'blobHashes', type: 'bytes32[]' },
      { name: 'ctEval', type: 'uint256' },
      { name: 'proof', type: 'bytes' },
      { name: 'alpha', type: 'uint256' },
      { name: 'gamma', type: 'uint256' },
      { name: 'context', type: 'uint256' },
    ],
    outputs: [{ name: '', type: 'bool' }],
  },
  {
    type: 'function',
    name: 'publicInputs',
    stateMutability: 'pure',
    inputs: [
      { name: 'pkCommitment', type: 'bytes32' },
      { name: 'ciphertext', type: 'bytes' },
      { name: 'alpha', type: 'uint256' },
      { name: 'gamma', type: 'uint256' },
      { name: 'context', type: 'uint256' },
    ],
    outputs: [{ name: 'pis', type: 'bytes32[]' }],
  },
] as const;
