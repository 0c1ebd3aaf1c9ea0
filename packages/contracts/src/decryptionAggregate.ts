/**
 * Calldata of DecryptionAggregateAdapter (contracts/adapters/DecryptionAggregateAdapter.sol; spec
 * 003 P4, the decryption fold of packages/circuits/src/aggregate): the key-share table with its
 * T + 1 attestations (the same KeyShares signatures as DecryptionProofAdapter, `signKeyShares`
 * with this adapter's address), the decrypting set, and the one folded proof.
 */
import { decodeAbiParameters, encodeAbiParameters, type Hex } from 'viem';
import { InvalidArgumentError } from './errors.js';
import { assertKeyShareTable, type KeyShareTable } from './decryptionProofs.js';

export type DecryptionAggregateBundle = KeyShareTable & {
  /** T + 1 committee signatures over KeyShares(e3Id, tableHash), sorted by signer (sortSigned). */
  keySignatures: readonly Hex[];
  /** The decrypting set, ascending (the fold's order). */
  ids: readonly bigint[];
  /** The folded UltraHonk proof (raw bytes, EVM target). */
  foldProof: Hex;
};

const BUNDLE = [
  {
    type: 'tuple',
    components: [
      { name: 'parties', type: 'uint256[]' },
      { name: 'skCommitments', type: 'bytes32[]' },
      { name: 'esmCommitments', type: 'bytes32[]' },
      { name: 'keySignatures', type: 'bytes[]' },
      { name: 'ids', type: 'uint256[]' },
      { name: 'foldProof', type: 'bytes' },
    ],
  },
] as const;

/** The `proof` argument of DecryptionAggregateAdapter.verifyDecryption / publishPlaintextOutput. */
export function encodeDecryptionAggregateBundle(b: DecryptionAggregateBundle): Hex {
  assertKeyShareTable(b);
  if (b.ids.length === 0) throw new InvalidArgumentError('empty decrypting set');
  return encodeAbiParameters(BUNDLE, [
    {
      parties: [...b.parties],
      skCommitments: [...b.skCommitments],
      esmCommitments: [...b.esmCommitments],
      keySignatures: [...b.keySignatures],
      ids: [...b.ids],
      foldProof: b.foldProof,
    },
  ]);
}

/** encodeDecryptionAggregateBundle's inverse: the bundle a posted publishPlaintextOutput carries. */
export function decodeDecryptionAggregateBundle(proof: Hex): DecryptionAggregateBundle {
  const [b] = decodeAbiParameters(BUNDLE, proof);
  return { parties: b.parties, skCommitments: b.skCommitments, esmCommitments: b.esmCommitments, keySignatures: b.keySignatures, ids: b.ids, foldProof: b.foldProof };
}
