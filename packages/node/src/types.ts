/**
 * The boundary types of the ciphernode (DESIGN.md): what the chain adapter decodes (ChainEvent),
 * what the daemon feeds the protocol core (CoreInput), what the core returns (CoreAction), the
 * transactions it asks for (ChainTx) and the peer-message envelope (PeerMessage).
 *
 * Shared by three owners: extend additively only (new union members, new optional fields).
 * Field names and types follow the Solidity events of contracts/E3Base.sol and the structs of
 * contracts/E3Types.sol as viem decodes them (uintN > 48 bits → bigint, uint8/uint16 → number).
 */
import type { Address, Hex } from 'viem';
import type { Ciphertext, EncryptionWitness } from '@interfold/bfv';
import type { DecryptionShare, DkgParty, PkShare, RlkRound1Aggregate, RlkRound1Noise, RlkRound1Share, RlkRound2Noise, RlkRound2Share, Session, ThresholdKeyShare } from '@interfold/threshold';

// ------------------------------------------------------------------------------ chain

/** Where an event sits on chain; `blockTimestamp` is unix seconds (as block.timestamp). */
export type EventMeta = {
  readonly blockNumber: bigint;
  readonly logIndex: number;
  readonly blockTimestamp: bigint;
  readonly transactionHash?: Hex;
  /** Hash of the block holding the log: with logIndex, the event's identity across reorgs (src/chain). */
  readonly blockHash?: Hex;
};

/** E3Types.sol RequestParams. */
export type RequestParams = {
  readonly programId: bigint;
  readonly paramSet: Hex;
  readonly committeeSize: number;
  readonly threshold: number;
  readonly inputStart: bigint;
  readonly inputEnd: bigint;
  readonly sortitionWindow: bigint;
  readonly dkgWindow: bigint;
  readonly computeWindow: bigint;
  readonly decryptionWindow: bigint;
  /** Who may publish the output ciphertext; the zero address means the requester. */
  readonly computeProvider: Address;
  readonly pkVerifier: Address;
  readonly inputVerifier: Address;
  readonly decryptionVerifier: Address;
  readonly fee: bigint;
};

/** E3Types.sol Schedule: every deadline of an E3 (unix seconds, blocks for the first two). */
export type Schedule = {
  readonly requestBlock: bigint;
  readonly seedBlock: bigint;
  readonly sortitionDeadline: bigint;
  readonly keyDeadline: bigint;
  readonly inputStart: bigint;
  readonly inputEnd: bigint;
  readonly computeDeadline: bigint;
  readonly decryptionDeadline: bigint;
};

/** The orchestrator's events the node acts on (E3Base.sol), discriminated by `name`. */
export type ChainEvent = EventMeta &
  (
    | { readonly name: 'E3Requested'; readonly e3Id: bigint; readonly requester: Address; readonly params: RequestParams; readonly schedule: Schedule }
    | { readonly name: 'SeedFixed'; readonly e3Id: bigint; readonly seed: Hex; readonly seedBlock: bigint }
    | { readonly name: 'TicketSubmitted'; readonly e3Id: bigint; readonly node: Address; readonly ticket: bigint; readonly score: Hex }
    | { readonly name: 'CommitteeFinalized'; readonly e3Id: bigint; readonly members: readonly Address[]; readonly threshold: number; readonly seed: Hex }
    | { readonly name: 'PublicKeyPublished'; readonly e3Id: bigint; readonly publicKey: Hex; readonly pkCommitment: Hex; readonly pkHash: Hex }
    | {
        readonly name: 'InputPublished';
        readonly e3Id: bigint;
        readonly index: bigint;
        readonly sender: Address;
        readonly data: Hex;
        readonly inputHash: Hex;
        readonly inputRoot: Hex;
        /**
         * Canonical ciphertext bytes of an EIP-4844 blob input (the chain's `data` holds only the
         * versioned hashes): fetched and checked by the daemon (contracts readBlobInput: KZG
         * commitment = versioned hash, canonical decoding, evaluation = the proved ctEval) before
         * the event is logged. Absent for calldata inputs, whose `data` carries the ciphertext.
         */
        readonly ciphertext?: Hex;
        /**
         * Set instead of `ciphertext` when the blob input's bytes are available but invalid (not a
         * canonical ciphertext, or not evaluating to the proved ctEval): every honest node drops
         * it from the program's inputs, deterministically (docs/INPUTS.md). It still counts in
         * the chain's input accumulator.
         */
        readonly invalidInput?: string;
      }
    | {
        readonly name: 'CiphertextOutputPublished';
        readonly e3Id: bigint;
        readonly ciphertext: Hex;
        readonly ciphertextCommitment: Hex;
        readonly inputRoot: Hex;
        readonly inputCount: bigint;
      }
    | { readonly name: 'PlaintextOutputPublished'; readonly e3Id: bigint; readonly plaintext: Hex }
    | { readonly name: 'E3Completed'; readonly e3Id: bigint; readonly committeePay: bigint; readonly protocolPay: bigint }
    | {
        readonly name: 'E3Failed';
        readonly e3Id: bigint;
        /** contracts/src/types.ts Stage, FailureReason, Fault. */
        readonly failedAt: number;
        readonly reason: number;
        readonly fault: number;
        readonly refund: bigint;
        readonly committeePay: bigint;
      }
    | { readonly name: 'MemberExpelled'; readonly e3Id: bigint; readonly node: Address; readonly goodMembers: number }
  );

export type ChainEventName = ChainEvent['name'];

/** Transactions the core asks the chain adapter to send (ABI functions of the orchestrator / slashing manager). */
export type ChainTx =
  | { readonly fn: 'publishPublicKey'; readonly e3Id: bigint; readonly publicKey: Hex; readonly pkCommitment: Hex; readonly proof: Hex }
  | { readonly fn: 'publishCiphertextOutput'; readonly e3Id: bigint; readonly ciphertext: Hex; readonly ciphertextCommitment: Hex; readonly inputRoot: Hex }
  /** signatures: EIP-712 RejectOutput, sorted by signer address (contracts/src/signing.ts sortSigned). */
  | { readonly fn: 'rejectCiphertextOutput'; readonly e3Id: bigint; readonly signatures: readonly Hex[] }
  | { readonly fn: 'publishPlaintextOutput'; readonly e3Id: bigint; readonly plaintext: Hex; readonly proof: Hex }
  | { readonly fn: 'submitTicket'; readonly e3Id: bigint; readonly ticket: bigint }
  | { readonly fn: 'fixSeed'; readonly e3Id: bigint }
  | { readonly fn: 'finalizeCommittee'; readonly e3Id: bigint }
  | { readonly fn: 'markFailed'; readonly e3Id: bigint }
  /** SlashingManager.slashEquivocation: two envelope signatures of one node for one slot. */
  | {
      readonly fn: 'slashEquivocation';
      readonly e3Id: bigint;
      readonly node: Address;
      readonly slot: bigint;
      readonly payloadA: Hex;
      readonly sigA: Hex;
      readonly payloadB: Hex;
      readonly sigB: Hex;
    }
  /** SlashingManager.accuse: T + 1 EIP-712 Accusation signatures, sorted by signer. */
  | { readonly fn: 'accuse'; readonly e3Id: bigint; readonly accused: Address; readonly proofKind: number; readonly statement: Hex; readonly signatures: readonly Hex[] };

// ------------------------------------------------------------------------------ peer messages

/**
 * Message kinds (the envelope's `phase` byte), spec 003 P1–P4 plus the attestations the
 * committee-quorum verifier needs. Numbering is part of the wire format: append, never renumber.
 */
export const Phase = Object.freeze({
  /** C0: individual transport public key (gossip). */
  TransportKey: 1,
  /** C1: pk share (gossip). */
  PkShare: 2,
  /** C2: the dealer's share commitments (gossip). */
  ShareCommitments: 3,
  /** C3: encrypted share bundle for one recipient (direct; MBs at production). */
  ShareBundle: 4,
  /** The dealer's masked polynomial for the codeword check (gossip). */
  MaskedPolynomial: 5,
  /** C4 checks: this party's complaints (possibly none; doubles as "done checking") (gossip). */
  Complaints: 6,
  /** Dispute: the dealer's opening of the accuser's shares (gossip). */
  ShareOpening: 7,
  /** Dispute: the accuser's reveal of its shares (codeword complaint) (gossip). */
  ShareReveal: 8,
  /** EIP-712 Attestation over the pk this member computed itself (to the aggregator). */
  PkAttestation: 9,
  /** C6: decryption share (gossip). */
  DecryptionShare: 10,
  /** EIP-712 RejectOutput over an output ciphertext this member recomputed differently. */
  OutputRejection: 11,
  /** EIP-712 Attestation over the plaintext this member combined itself (to the aggregator). */
  DecryptionAttestation: 12,
  /**
   * EIP-712 KeyShares(e3Id, tableHash) over the key-share table (party -> C4 commitments) this
   * member built from the C4 proofs it verified: the anchor of DecryptionProofAdapter (gossip).
   * (20: the numbers after 12 are left to the relinearisation-key rounds.)
   */
  KeySharesAttestation: 20,
  /** Depth ≥ 1 programs: rlk protocol round-1 share (Mouchet et al. 2021, RKG step 1) (gossip). */
  RlkRound1: 14,
  /** Depth ≥ 1 programs: rlk round-2 share on the round-1 aggregate over A; sub = attempt (gossip). */
  RlkRound2: 15,
  /** Programs with committee masks: this member's mask ciphertexts under the pk of A; sub = attempt (gossip). */
  CommitteeMasks: 16,
  /**
   * E3s whose pk verifier is the PkAggregateAdapter (the key fold): EIP-712 PkShare(e3Id, party,
   * session, pkShareCommitment) over this member's own C1 pk-share commitment, sent in the C1/C2
   * round (core/key-fold.ts) (gossip).
   */
  PkShareSignature: 21,
});
export type Phase = (typeof Phase)[keyof typeof Phase];

/**
 * A peer message as received and checked by the wire layer (src/wire): the envelope fields and
 * the raw payload/proof bytes. The signature has been verified (recovers to `sender`) before the
 * daemon logs it and feeds it to the core; the core decodes the payload with the typed decoders.
 */
export type PeerMessage = {
  readonly version: number;
  readonly chainId: number;
  readonly orchestrator: Address;
  readonly e3Id: bigint;
  readonly phase: Phase;
  /** Protocol slot (uint256 of the NodeMessage EIP-712 struct): phase · 2^32 + sub-slot. */
  readonly slot: bigint;
  /** Operator address of the sender. */
  readonly sender: Address;
  readonly payload: Uint8Array;
  /** Empty until the phase's circuit exists (ProofPolicy). */
  readonly proof: Uint8Array;
  readonly signature: Hex;
};

/** What the core asks to send: the daemon fills version/chain/orchestrator/e3Id/sender and signs. */
export type OutboundMessage = {
  readonly phase: Phase;
  readonly slot: bigint;
  readonly payload: Uint8Array;
  readonly proof: Uint8Array;
};

// ------------------------------------------------------------------------------ core I/O

/** EIP-712 typed data the core asks the operator key to sign (contracts/src/signing.ts shapes). */
export type SignRequest =
  | {
      readonly primaryType: 'Attestation';
      readonly domain: { readonly name: 'Interfold'; readonly version: '1'; readonly chainId: number; readonly verifyingContract: Address };
      readonly message: { readonly e3Id: bigint; readonly kind: number; readonly dataHash: Hex };
    }
  | {
      readonly primaryType: 'RejectOutput';
      readonly domain: { readonly name: 'Interfold'; readonly version: '1'; readonly chainId: number; readonly verifyingContract: Address };
      readonly message: { readonly e3Id: bigint; readonly ciphertextHash: Hex };
    }
  | {
      readonly primaryType: 'KeyShares';
      readonly domain: { readonly name: 'Interfold'; readonly version: '1'; readonly chainId: number; readonly verifyingContract: Address };
      readonly message: { readonly e3Id: bigint; readonly tableHash: Hex };
    }
  | {
      readonly primaryType: 'PkShare';
      readonly domain: { readonly name: 'Interfold'; readonly version: '1'; readonly chainId: number; readonly verifyingContract: Address };
      readonly message: { readonly e3Id: bigint; readonly party: bigint; readonly session: Hex; readonly pkShareCommitment: Hex };
    };

/** Every input carries `now` (unix milliseconds): the core never reads a clock. */
export type CoreInput =
  | { readonly kind: 'chain'; readonly now: number; readonly event: ChainEvent }
  | { readonly kind: 'message'; readonly now: number; readonly message: PeerMessage }
  | { readonly kind: 'timer'; readonly now: number; readonly e3Id: bigint; readonly name: string }
  | { readonly kind: 'tick'; readonly now: number }
  /** The daemon's answer to a `sign` action (same `id`). */
  | { readonly kind: 'signed'; readonly now: number; readonly e3Id: bigint; readonly id: string; readonly signer: Address; readonly signature: Hex }
  /** The daemon's answer to a `prove` action (same e3Id and slot): the proof slot's bytes. Logged, so a replay re-uses it. */
  | { readonly kind: 'proved'; readonly now: number; readonly e3Id: bigint; readonly slot: bigint; readonly proof: Uint8Array }
  /**
   * A message whose envelope (signature) verified but whose proof the gate's ProofSystem.verify
   * rejected: never applied, kept as evidence against its sender (signed envelope + bad proof).
   */
  | { readonly kind: 'rejected'; readonly now: number; readonly message: PeerMessage; readonly reason: string };

/** A record the store must hold before any later action of the same batch runs. */
export type PersistRecord =
  /** The E3's secret snapshot (core-defined bytes; erased on `erase`). */
  | { readonly type: 'secret'; readonly bytes: Uint8Array }
  /** Sign-once: this node's one decryption share for the E3 (ciphertext digest → share bytes). */
  | { readonly type: 'decryptionShare'; readonly ctDigest: Hex; readonly shareHash: Hex }
  /** Public progress worth keeping (phase reached, authorised set...) as JSON-safe data. */
  | { readonly type: 'progress'; readonly data: Readonly<Record<string, string | number | boolean | readonly number[]>> };

/** Phases of one E3 as this node sees it (events, metrics, /status). */
export const E3_PHASES = [
  'requested',
  'committee',
  'dkg',
  'keyPublished',
  'inputs',
  'compute',
  'decryption',
  'plaintextPublished',
  'complete',
  'failed',
] as const;
export type E3Phase = (typeof E3_PHASES)[number];

export type CoreAction =
  /** Gossip on the E3 topic, or direct to one member when `to` is set. */
  | { readonly kind: 'send'; readonly e3Id: bigint; readonly message: OutboundMessage; readonly to?: Address }
  | { readonly kind: 'tx'; readonly e3Id: bigint; readonly tx: ChainTx }
  /** Feed back { kind: 'timer', e3Id, name } at `at` (unix ms); a later schedule of one name replaces it. */
  | { readonly kind: 'schedule'; readonly e3Id: bigint; readonly name: string; readonly at: number }
  /** Store before executing any later action of the batch. */
  | { readonly kind: 'persist'; readonly e3Id: bigint; readonly record: PersistRecord }
  | { readonly kind: 'phase'; readonly e3Id: bigint; readonly phase: E3Phase; readonly detail?: string }
  /** `evidence`: signed envelopes anyone can recheck (e.g. a message carrying a bad proof), when the reason rests on them. */
  | { readonly kind: 'exclude'; readonly e3Id: bigint; readonly party: Address; readonly reason: string; readonly evidence?: readonly Uint8Array[] }
  /**
   * Prove `statement` off the core (slow), then feed back { kind: 'proved', e3Id, slot }: the
   * message of this slot is sent with the proof then. One at a time per node; replay re-uses the
   * logged `proved` input instead of proving again. A FOLD that cannot be proved is answered with
   * an empty proof (the aggregator then waits for more shares); other failures are not answered.
   */
  | { readonly kind: 'prove'; readonly e3Id: bigint; readonly phase: Phase; readonly slot: bigint; readonly statement: ProveStatement }
  /** Sign with the operator key, then feed back { kind: 'signed', id }. */
  | { readonly kind: 'sign'; readonly e3Id: bigint; readonly id: string; readonly request: SignRequest }
  /** Erase every secret of the E3 from the store (snapshot, sign-once secrets); the log may stay. */
  | { readonly kind: 'erase'; readonly e3Id: bigint };

// ------------------------------------------------------------------------------ proofs

/** Proof policy of one phase: a real circuit, or explicitly none yet (never an accept-all). */
export type ProofPolicy = 'NO_PROOF_YET' | 'REQUIRED';

/**
 * What a `prove` action asks for (spec 003 P1–P4), with the live witness objects of the core
 * (never persisted: the `proved` answer is). C2 covers C2a and C2b, C4 covers C4a and C4b.
 */
export type ProveStatement =
  | { readonly circuit: 'C0'; readonly session: Session; readonly party: DkgParty }
  | {
      readonly circuit: 'C1';
      readonly session: Session;
      readonly party: DkgParty;
      readonly pkShare: PkShare;
      /** The E3's key goes on chain through PkAggregateAdapter: the slot also carries the noir-recursive twin (key fold). */
      readonly recursive?: boolean;
    }
  | { readonly circuit: 'C2'; readonly session: Session; readonly party: DkgParty; readonly pkShare: PkShare }
  /**
   * The key fold (the aggregator, PkAggregateAdapter): the C1 proofs of A (each slot's second item
   * the noir-recursive twin) verified in one circuit with C5 over their pk shares; A ascending,
   * `pkShares[i]` and `proofs[i]` those of `authorised[i]`.
   */
  | { readonly circuit: 'PKFOLD'; readonly session: Session; readonly authorised: readonly number[]; readonly pkShares: readonly PkShare[]; readonly proofs: readonly Uint8Array[] }
  | { readonly circuit: 'C4'; readonly session: Session; readonly party: DkgParty; readonly authorised: readonly number[] }
  | {
      readonly circuit: 'C6';
      readonly session: Session;
      readonly e3Id: bigint;
      readonly keyShare: ThresholdKeyShare;
      readonly ciphertext: Ciphertext;
      readonly share: DecryptionShare;
      /**
       * The E3 decrypts through DecryptionAggregateAdapter: the slot also carries the same
       * statement proved in bb's noir-recursive target, for the aggregator's fold.
       */
      readonly recursive?: boolean;
    }
  /** C7 (the aggregator, DecryptionProofAdapter): the plaintext decoded from T + 1 shares, ids ascending. */
  | { readonly circuit: 'C7'; readonly session: Session; readonly shares: readonly DecryptionShare[] }
  /**
   * The decryption fold (the aggregator, DecryptionAggregateAdapter): T + 1 of `shares` (ids
   * ascending, at least T + 1) folded with C7's relations into one proof. `proofs[i]` is the C6
   * proof slot of `shares[i]` (its second item the noir-recursive proof); `keys` the attested
   * key-share table's C4 commitments by party.
   */
  | {
      readonly circuit: 'FOLD';
      readonly session: Session;
      readonly e3Id: bigint;
      readonly ciphertext: Ciphertext;
      readonly shares: readonly DecryptionShare[];
      readonly proofs: readonly Uint8Array[];
      readonly keys: ReadonlyMap<number, { readonly skCommitment: bigint; readonly esmCommitment: bigint }>;
      /** The parties of an earlier attempt that could not be proved: no T + 1 of them is tried again. */
      readonly failed?: readonly number[];
    }
  /**
   * RKG round 1 / round 2 (Mouchet et al. 2021 §4.3; circuits rlk_contribution, rlk_round2) over
   * the party's C1 secret: `u` the ephemeral (centred coefficients), `noise` copies the prover
   * zeroes when done; round 2 names the round-1 aggregate it was made on.
   */
  | { readonly circuit: 'RLK1'; readonly session: Session; readonly party: DkgParty; readonly u: Int32Array; readonly share: RlkRound1Share; readonly noise: RlkRound1Noise }
  | {
      readonly circuit: 'RLK2';
      readonly session: Session;
      readonly party: DkgParty;
      readonly u: Int32Array;
      readonly agg: RlkRound1Aggregate;
      readonly share: RlkRound2Share;
      readonly noise: RlkRound2Noise;
    }
  /**
   * The committee masks of `party` for attempt `attempt` (rlk.ts): one user-encryption proof per
   * ciphertext (well-formed encryption under the key over A_k, bound to session, party, attempt
   * and index); the witnesses hold the mask values, zeroed by the prover when done.
   */
  | { readonly circuit: 'MASKS'; readonly session: Session; readonly party: number; readonly attempt: number; readonly witnesses: readonly EncryptionWitness[] };

/** What the receiver knows about a message before its proof is checked: the E3's session and the sender's party id. */
export type ProofContext = { readonly session: Session; readonly party: number };

/**
 * Per-phase proof hooks (spec 003; issues 9, 10). `prove` makes the proof slot of an outbound
 * message (off the core: slow); `verify` checks a received proof slot against the public inputs
 * the RECEIVER derives (session, party, e3Id, the payload's commitment), resolving to the reason
 * it fails or undefined. The links between messages (C1 → C2 → C4 → C6) are checked by the core
 * on the public inputs the verified proofs carry. A phase whose circuit does not exist has policy
 * NO_PROOF_YET: its proof slot must be empty and nothing is claimed.
 */
export interface ProofSystem {
  readonly name: string;
  policy(phase: Phase): ProofPolicy;
  /** Proof bytes for an outbound message (only called for REQUIRED phases). */
  prove(statement: ProveStatement): Promise<Uint8Array>;
  /** Undefined if the message's proof slot proves its statement; else why not (only for REQUIRED phases). */
  verify(message: PeerMessage, ctx: ProofContext): Promise<string | undefined>;
}
