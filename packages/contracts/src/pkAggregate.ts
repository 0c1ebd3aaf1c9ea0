/**
 * Calldata of PkAggregateAdapter (contracts/adapters/PkAggregateAdapter.sol; spec 003 P2, the key
 * fold of packages/circuits/src/aggregate/pk.ts): the session, the common-polynomial commitment,
 * A with each member's signed pk-share commitment, and the one folded proof.
 */
import { decodeAbiParameters, encodeAbiParameters, type Address, type Hex, type LocalAccount } from 'viem';
import { InvalidArgumentError } from './errors.js';
import { interfoldDomain } from './signing.js';

export type PkAggregateBundle = {
  /** The DKG session id as a field element (circuits' sessionField). */
  session: Hex;
  crpCommitment: Hex;
  /** A, ascending committee indices (1-based). */
  ids: readonly bigint[];
  /** Each member's C1 pk-share commitment, in the order of ids. */
  pkShareCommitments: readonly Hex[];
  /** Each member's PkShare signature (signPkShare), in the order of ids. */
  shareSignatures: readonly Hex[];
  /** The folded UltraHonk proof (raw bytes, EVM target). */
  foldProof: Hex;
};

export const pkShareTypes = {
  PkShare: [
    { name: 'e3Id', type: 'uint256' },
    { name: 'party', type: 'uint256' },
    { name: 'session', type: 'bytes32' },
    { name: 'pkShareCommitment', type: 'bytes32' },
  ],
} as const;

/** A member's signature of its own pk-share commitment for one E3 and DKG session. */
export async function signPkShare(
  account: LocalAccount,
  p: { chainId: number; adapter: Address; e3Id: bigint; party: bigint; session: Hex; pkShareCommitment: Hex },
): Promise<Hex> {
  return account.signTypedData({
    domain: interfoldDomain(p.chainId, p.adapter),
    types: pkShareTypes,
    primaryType: 'PkShare',
    message: { e3Id: p.e3Id, party: p.party, session: p.session, pkShareCommitment: p.pkShareCommitment },
  });
}

const BUNDLE = [
  {
    type: 'tuple',
    components: [
      { name: 'session', type: 'bytes32' },
      { name: 'crpCommitment', type: 'bytes32' },
      { name: 'ids', type: 'uint256[]' },
      { name: 'pkShareCommitments', type: 'bytes32[]' },
      { name: 'shareSignatures', type: 'bytes[]' },
      { name: 'foldProof', type: 'bytes' },
    ],
  },
] as const;

/** The `proof` argument of PkAggregateAdapter.verifyPublicKey / publishPublicKey. */
export function encodePkAggregateBundle(b: PkAggregateBundle): Hex {
  const d = b.ids.length;
  if (d === 0) throw new InvalidArgumentError('empty authorised set');
  if (b.pkShareCommitments.length !== d || b.shareSignatures.length !== d) {
    throw new InvalidArgumentError('ids, pkShareCommitments and shareSignatures differ in length');
  }
  return encodeAbiParameters(BUNDLE, [
    {
      session: b.session,
      crpCommitment: b.crpCommitment,
      ids: [...b.ids],
      pkShareCommitments: [...b.pkShareCommitments],
      shareSignatures: [...b.shareSignatures],
      foldProof: b.foldProof,
    },
  ]);
}

/** encodePkAggregateBundle's inverse: the bundle a posted publishPublicKey carries. */
export function decodePkAggregateBundle(proof: Hex): PkAggregateBundle {
  const [b] = decodeAbiParameters(BUNDLE, proof);
  return { session: b.session, crpCommitment: b.crpCommitment, ids: b.ids, pkShareCommitments: b.pkShareCommitments, shareSignatures: b.shareSignatures, foldProof: b.foldProof };
}
