/** TypeScript mirrors of the Solidity enums in contracts/E3Types.sol and SlashingManager.sol. */

export const Stage = {
  None: 0,
  Requested: 1,
  CommitteeFinalized: 2,
  KeyPublished: 3,
  CiphertextReady: 4,
  Complete: 5,
  Failed: 6,
} as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

export const FailureReason = {
  None: 0,
  SeedUnavailable: 1,
  InsufficientCommittee: 2,
  DkgTimeout: 3,
  ComputeTimeout: 4,
  OutputRejected: 5,
  DecryptionTimeout: 6,
  CommitteeBelowThreshold: 7,
} as const;
export type FailureReason = (typeof FailureReason)[keyof typeof FailureReason];

export const Fault = { None: 0, Committee: 1, Requester: 2 } as const;
export type Fault = (typeof Fault)[keyof typeof Fault];

export const EvidenceKind = { Equivocation: 0, InvalidProof: 1, Accusation: 2 } as const;
export type EvidenceKind = (typeof EvidenceKind)[keyof typeof EvidenceKind];

/** Verifier approval bits of E3Orchestrator.setVerifierApproval. */
export const VerifierKind = { PublicKey: 1, Input: 2, Decryption: 4 } as const;

/** Attestation kinds signed for the CommitteeQuorumVerifier. */
export const AttestationKind = { PublicKey: 1, Input: 2, Decryption: 3 } as const;
export type AttestationKind = (typeof AttestationKind)[keyof typeof AttestationKind];
