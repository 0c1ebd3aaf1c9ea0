/**
 * Calldata and signatures of DecryptionProofAdapter (contracts/adapters/DecryptionProofAdapter.sol;
 * spec 003 P4, C6 + C7): the proof bundle, the plaintext words, and the T + 1 committee
 * attestation of the key-share table (party -> C4 commitments) the adapter anchors C6 to.
 */
import { encodeAbiParameters, keccak256, type Address, type Hex, type LocalAccount } from 'viem';
import { interfoldDomain } from './signing.js';
import { InvalidArgumentError } from './errors.js';

export const keySharesTypes = {
  KeyShares: [
    { name: 'e3Id', type: 'uint256' },
    { name: 'tableHash', type: 'bytes32' },
  ],
} as const;

/** The C4 commitments of every party of the authorised set (ascending party ids). */
export type KeyShareTable = { parties: readonly bigint[]; skCommitments: readonly Hex[]; esmCommitments: readonly Hex[] };

export type DecryptionBundle = KeyShareTable & {
  /** T + 1 committee signatures over KeyShares(e3Id, tableHash), sorted by signer (sortSigned). */
  keySignatures: readonly Hex[];
  /** The decrypting set, ascending, and the C6 share commitments, in the same order. */
  ids: readonly bigint[];
  dCommitments: readonly Hex[];
  /** The C6 proofs (raw UltraHonk proof bytes) of ids, and the C7 proof. */
  shareProofs: readonly Hex[];
  decodeProof: Hex;
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
      { name: 'dCommitments', type: 'bytes32[]' },
      { name: 'shareProofs', type: 'bytes[]' },
      { name: 'decodeProof', type: 'bytes' },
    ],
  },
] as const;

/** The key-share table's three columns have one entry per party. */
export function assertKeyShareTable(t: KeyShareTable): void {
  if (t.skCommitments.length !== t.parties.length || t.esmCommitments.length !== t.parties.length) {
    throw new InvalidArgumentError('key-share table columns differ in length');
  }
}

/** keccak256(abi.encode(parties, skCommitments, esmCommitments)): DecryptionProofAdapter.tableHash. */
export function keyShareTableHash(t: KeyShareTable): Hex {
  assertKeyShareTable(t);
  return keccak256(
    encodeAbiParameters([{ type: 'uint256[]' }, { type: 'bytes32[]' }, { type: 'bytes32[]' }], [[...t.parties], [...t.skCommitments], [...t.esmCommitments]]),
  );
}

/** A committee member's attestation of the key-share table (after checking every C4 proof). */
export async function signKeyShares(account: LocalAccount, p: { chainId: number; adapter: Address; e3Id: bigint; table: KeyShareTable }): Promise<Hex> {
  return account.signTypedData({
    domain: interfoldDomain(p.chainId, p.adapter),
    types: keySharesTypes,
    primaryType: 'KeyShares',
    message: { e3Id: p.e3Id, tableHash: keyShareTableHash(p.table) },
  });
}

/** The `proof` argument of verifyDecryption / publishPlaintextOutput. */
export function encodeDecryptionBundle(b: DecryptionBundle): Hex {
  const n = b.ids.length;
  if (b.dCommitments.length !== n || b.shareProofs.length !== n) throw new InvalidArgumentError('ids, dCommitments and shareProofs differ in length');
  return encodeAbiParameters(BUNDLE, [
    {
      parties: [...b.parties],
      skCommitments: [...b.skCommitments],
      esmCommitments: [...b.esmCommitments],
      keySignatures: [...b.keySignatures],
      ids: [...b.ids],
      dCommitments: [...b.dCommitments],
      shareProofs: [...b.shareProofs],
      decodeProof: b.decodeProof,
    },
  ]);
}

/** The `plaintext` argument: abi.encode(bytes32[] words), C7's packed plaintext. */
export const encodePlaintextWords = (words: readonly Hex[]): Hex => encodeAbiParameters([{ type: 'bytes32[]' }], [[...words]]);
