// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPkVerifier, IInputVerifier, IDecryptionVerifier} from "./interfaces/IVerifiers.sol";
import {IProgram} from "./interfaces/IProgram.sol";

/// Stage machine of SYSTEM.md §3. `Failed` is reachable from every active stage once its
/// deadline passes (or when slashing leaves fewer than T + 1 members).
enum Stage {
    None,
    Requested,
    CommitteeFinalized,
    KeyPublished,
    CiphertextReady,
    Complete,
    Failed
}

enum FailureReason {
    None,
    SeedUnavailable, // nobody fixed the seed within 256 blocks of the seed block
    InsufficientCommittee, // fewer than n tickets submitted by the sortition deadline
    DkgTimeout, // committee did not publish the public key by the key deadline
    ComputeTimeout, // compute provider did not publish the output ciphertext in time
    OutputRejected, // a quorum of the committee rejected the output ciphertext
    DecryptionTimeout, // committee did not publish the plaintext by the decryption deadline
    CommitteeBelowThreshold // expulsions left fewer than T + 1 members in good standing
}

/// Who bears a failure (SYSTEM.md §3: a requester is not charged for a committee's failure).
enum Fault {
    None, // nobody: full refund
    Committee, // the committee: full refund, faulty members are slashed on evidence
    Requester // the requester or its compute provider: committee paid for the DKG it did
}

struct RequestParams {
    uint256 programId;
    bytes32 paramSet;
    uint16 committeeSize; // n
    uint16 threshold; // T: any T + 1 decryption shares decrypt, T reveal nothing
    uint64 inputStart; // unix seconds, inclusive
    uint64 inputEnd; // unix seconds, inclusive
    uint64 sortitionWindow; // seconds after the request for ticket submissions
    uint64 dkgWindow; // seconds after the sortition deadline to publish the public key
    uint64 computeWindow; // seconds after inputEnd to publish the output ciphertext
    uint64 decryptionWindow; // seconds after the compute deadline to publish the plaintext
    address computeProvider; // who may publish the output ciphertext; 0 = the requester
    IPkVerifier pkVerifier;
    IInputVerifier inputVerifier;
    IDecryptionVerifier decryptionVerifier;
    uint256 fee; // in the orchestrator's fee token, escrowed at request
}

/// Every deadline of an E3, fixed at request time.
struct Schedule {
    uint64 requestBlock; // stake snapshot: tickets at the start of this block
    uint64 seedBlock; // first block whose prevrandao may seed sortition (requestBlock + seedDelay)
    uint64 sortitionDeadline;
    uint64 keyDeadline;
    uint64 inputStart;
    uint64 inputEnd;
    uint64 computeDeadline;
    uint64 decryptionDeadline;
}

struct E3 {
    Stage stage;
    FailureReason failure;
    uint16 committeeSize;
    uint16 threshold;
    uint16 goodMembers; // members not expelled
    uint16 protocolFeeBps; // snapshot at request
    uint16 dkgShareBps; // snapshot at request
    address requester;
    address computeProvider;
    IProgram program;
    IPkVerifier pkVerifier;
    IInputVerifier inputVerifier;
    IDecryptionVerifier decryptionVerifier;
    uint256 programId;
    bytes32 paramSet;
    uint256 fee;
    Schedule schedule;
    bytes32 seed;
    bytes32 pkCommitment;
    bytes32 pkHash;
    bytes32 inputRoot;
    uint64 inputCount;
    bytes32 ciphertextCommitment;
    bytes32 ciphertextHash;
    bytes32 plaintextHash;
}
