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
    name: 'verifyInput',
    stateMutability: 'view',
    inputs: [
      { name: 'pkCommitment', type: 'bytes32' },
      { name: 'ciphertext', type: 'bytes' },
      { name: 'proof', type: 'bytes' },
      { name: 'alpha', type: 'uint256' },
      { name: 'gamma', type: 'uint256' },
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
    ],
    outputs: [{ name: 'pis', type: 'bytes32[]' }],
  },
] as const;
