// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICommitteeView} from "./interfaces/ICommitteeView.sol";
import {IHonkVerifier} from "./interfaces/IVerifiers.sol";
import {Owned} from "./lib/Owned.sol";
import {Signatures} from "./lib/Signatures.sol";
import {OperatorRegistry} from "./OperatorRegistry.sol";

/// @title Slashing on evidence checked on chain (SYSTEM.md §7)
/// @notice Nodes sign every protocol message as EIP-712 NodeMessage(e3Id, slot, payloadHash):
/// a slot names one message a node sends once per E3 (e.g. "C1 proof", "decryption share").
/// Evidence kinds:
///  (a) equivocation: two different payloads signed by the same node for the same (E3, slot);
///  (b) invalid proof: a proof the node signed (payloadHash = keccak256(abi.encode(proofKind,
///      proof, publicInputs))) that its UltraHonk verifier rejects;
///  (c) accusation: T + 1 committee members in good standing sign that the accused owes a valid
///      proof of kind k for the statement keccak256(abi.encode(publicInputs)); during the appeal
///      window anyone may dismiss it by producing that proof; afterwards anyone may execute it.
/// Replay protection: (a) and (b) are keyed by (kind, e3Id, node, slot), (c) by (e3Id, accused,
/// proofKind, statement); each key is punished at most once, so neither re-sending the same
/// evidence nor a second pair of messages for the same slot slashes twice. Signatures are bound
/// to this contract and chain by the EIP-712 domain.
contract SlashingManager is Owned {
    enum EvidenceKind {
        Equivocation,
        InvalidProof,
        Accusation
    }

    enum AccusationStatus {
        None,
        Pending,
        Dismissed,
        Executed
    }

    struct Policy {
        uint256 bondPenalty;
        uint64 ticketPenalty;
        bool expel;
    }

    struct ProofVerifier {
        IHonkVerifier verifier;
        uint64 gasLimit;
    }

    struct Accusation {
        AccusationStatus status;
        uint64 appealDeadline;
        uint8 proofKind;
        address accused;
        uint256 e3Id;
        bytes32 statement;
    }

    error NotCommitteeMember(uint256 e3Id, address node);
    error EvidenceAlreadyUsed(bytes32 evidenceId);
    error SamePayload();
    error WrongSigner(address expected, address actual);
    error UnknownProofKind(uint8 proofKind);
    error ProofIsValid();
    error InsufficientGas(uint256 gasLeft, uint256 needed);
    error AccusationExists(bytes32 accusationId);
    error AccusationNotPending(bytes32 accusationId);
    error AppealWindowOpen(bytes32 accusationId, uint64 appealDeadline);
    error AppealWindowClosed(bytes32 accusationId, uint64 appealDeadline);
    error StatementMismatch(bytes32 expected, bytes32 actual);
    error AppealRejected(bytes32 accusationId);
    error QuorumNotReached(uint256 signers, uint256 needed);
    error AccuserNotEligible(uint256 e3Id, address signer);
    error InvalidConfig();
    error ProofKindAlreadySet(uint8 proofKind);

    event SlashingPolicySet(EvidenceKind indexed kind, uint256 bondPenalty, uint64 ticketPenalty, bool expel);
    event ProofVerifierSet(uint8 indexed proofKind, address verifier, uint64 gasLimit);
    event NodeSlashed(
        bytes32 indexed evidenceId,
        EvidenceKind indexed kind,
        uint256 indexed e3Id,
        address node,
        uint256 bondSlashed,
        uint64 ticketsSlashed,
        bool expelled
    );
    event Accused(
        bytes32 indexed accusationId,
        uint256 indexed e3Id,
        address indexed accused,
        uint8 proofKind,
        bytes32 statement,
        address[] accusers,
        uint64 appealDeadline
    );
    event AccusationDismissed(bytes32 indexed accusationId, uint256 indexed e3Id, address indexed accused);

    bytes32 public constant NODE_MESSAGE_TYPEHASH = keccak256("NodeMessage(uint256 e3Id,uint256 slot,bytes32 payloadHash)");
    bytes32 public constant ACCUSATION_TYPEHASH =
        keccak256("Accusation(uint256 e3Id,address accused,uint8 proofKind,bytes32 statement)");
    /// Gas kept back for the code after the verifier call (see _proofValid).
    uint256 private constant GAS_RESERVE = 50_000;

    ICommitteeView public immutable committees;
    OperatorRegistry public immutable operators;
    uint64 public immutable appealWindow;

    mapping(EvidenceKind => Policy) public policies;
    mapping(uint8 => ProofVerifier) public proofVerifiers;
    mapping(bytes32 => bool) public evidenceUsed;
    mapping(bytes32 => Accusation) public accusations;

    constructor(ICommitteeView committees_, OperatorRegistry operators_, uint64 appealWindow_, address owner_)
        Owned(owner_)
    {
        if (address(committees_) == address(0) || address(operators_) == address(0)) revert ZeroAddress();
        if (appealWindow_ == 0) revert InvalidConfig();
        committees = committees_;
        operators = operators_;
        appealWindow = appealWindow_;
    }

    // ------------------------------------------------------------------------------ owner

    function setPolicy(EvidenceKind kind, uint256 bondPenalty, uint64 ticketPenalty, bool expel) external onlyOwner {
        policies[kind] = Policy(bondPenalty, ticketPenalty, expel);
        emit SlashingPolicySet(kind, bondPenalty, ticketPenalty, expel);
    }

    /// `gasLimit` must cover the verifier's worst case (UltraHonk: ~3-4 M gas): a verifier that
    /// runs out of it counts as rejecting the proof. Write-once per kind: a node signs a proof
    /// for the verifier of its kind, and swapping the verifier afterwards could turn a valid
    /// signed proof into slashable "evidence". A new circuit version takes a new kind id.
    function setProofVerifier(uint8 proofKind, IHonkVerifier verifier, uint64 gasLimit) external onlyOwner {
        if (address(proofVerifiers[proofKind].verifier) != address(0)) revert ProofKindAlreadySet(proofKind);
        if (address(verifier).code.length == 0 || gasLimit < 100_000) revert InvalidConfig();
        proofVerifiers[proofKind] = ProofVerifier(verifier, gasLimit);
        emit ProofVerifierSet(proofKind, address(verifier), gasLimit);
    }

    // ------------------------------------------------------------------------------ digests

    function nodeMessageDigest(uint256 e3Id, uint256 slot, bytes32 payloadHash) public view returns (bytes32) {
        return Signatures.typedDigest(
            Signatures.domainSeparator(address(this)), keccak256(abi.encode(NODE_MESSAGE_TYPEHASH, e3Id, slot, payloadHash))
        );
    }

    function accusationDigest(uint256 e3Id, address accused, uint8 proofKind, bytes32 statement)
        public
        view
        returns (bytes32)
    {
        return Signatures.typedDigest(
            Signatures.domainSeparator(address(this)),
            keccak256(abi.encode(ACCUSATION_TYPEHASH, e3Id, accused, proofKind, statement))
        );
    }

    function domainSeparator() external view returns (bytes32) {
        return Signatures.domainSeparator(address(this));
    }

    // ------------------------------------------------------------------------------ (a)

    function slashEquivocation(
        uint256 e3Id,
        address node,
        uint256 slot,
        bytes32 payloadA,
        bytes calldata sigA,
        bytes32 payloadB,
        bytes calldata sigB
    ) external {
        _requireMember(e3Id, node);
        if (payloadA == payloadB) revert SamePayload();
        _requireSigner(nodeMessageDigest(e3Id, slot, payloadA), sigA, node);
        _requireSigner(nodeMessageDigest(e3Id, slot, payloadB), sigB, node);
        bytes32 id = keccak256(abi.encode(EvidenceKind.Equivocation, e3Id, node, slot));
        _punish(EvidenceKind.Equivocation, e3Id, node, id);
    }

    // ------------------------------------------------------------------------------ (b)

    function slashInvalidProof(
        uint256 e3Id,
        address node,
        uint256 slot,
        uint8 proofKind,
        bytes calldata proof,
        bytes32[] calldata publicInputs,
        bytes calldata signature
    ) external {
        _requireMember(e3Id, node);
        bytes32 payloadHash = keccak256(abi.encode(proofKind, proof, publicInputs));
        _requireSigner(nodeMessageDigest(e3Id, slot, payloadHash), signature, node);
        bytes32 id = keccak256(abi.encode(EvidenceKind.InvalidProof, e3Id, node, slot));
        if (evidenceUsed[id]) revert EvidenceAlreadyUsed(id);
        if (_proofValid(proofKind, proof, publicInputs)) revert ProofIsValid();
        _punish(EvidenceKind.InvalidProof, e3Id, node, id);
    }

    // ------------------------------------------------------------------------------ (c)

    function accuse(uint256 e3Id, address accused, uint8 proofKind, bytes32 statement, bytes[] calldata signatures)
        external
        returns (bytes32 id)
    {
        _requireMember(e3Id, accused);
        if (address(proofVerifiers[proofKind].verifier) == address(0)) revert UnknownProofKind(proofKind);
        id = keccak256(abi.encode(EvidenceKind.Accusation, e3Id, accused, proofKind, statement));
        if (accusations[id].status != AccusationStatus.None) revert AccusationExists(id);
        address[] memory signers =
            Signatures.recoverSorted(accusationDigest(e3Id, accused, proofKind, statement), signatures);
        for (uint256 i = 0; i < signers.length; ++i) {
            if (signers[i] == accused || committees.memberStatus(e3Id, signers[i]) != 1) {
                revert AccuserNotEligible(e3Id, signers[i]);
            }
        }
        uint256 needed = uint256(committees.thresholdOf(e3Id)) + 1;
        if (signers.length < needed) revert QuorumNotReached(signers.length, needed);
        uint64 deadline = uint64(block.timestamp) + appealWindow;
        accusations[id] = Accusation(AccusationStatus.Pending, deadline, proofKind, accused, e3Id, statement);
        emit Accused(id, e3Id, accused, proofKind, statement, signers, deadline);
    }

    /// Anyone may dismiss a pending accusation with a valid proof of the accused statement.
    function appeal(bytes32 id, bytes calldata proof, bytes32[] calldata publicInputs) external {
        Accusation storage a = accusations[id];
        if (a.status != AccusationStatus.Pending) revert AccusationNotPending(id);
        if (block.timestamp > a.appealDeadline) revert AppealWindowClosed(id, a.appealDeadline);
        bytes32 statement = keccak256(abi.encode(publicInputs));
        if (statement != a.statement) revert StatementMismatch(a.statement, statement);
        if (!_proofValid(a.proofKind, proof, publicInputs)) revert AppealRejected(id);
        a.status = AccusationStatus.Dismissed;
        emit AccusationDismissed(id, a.e3Id, a.accused);
    }

    function executeAccusation(bytes32 id) external {
        Accusation storage a = accusations[id];
        if (a.status != AccusationStatus.Pending) revert AccusationNotPending(id);
        if (block.timestamp <= a.appealDeadline) revert AppealWindowOpen(id, a.appealDeadline);
        a.status = AccusationStatus.Executed;
        _punish(EvidenceKind.Accusation, a.e3Id, a.accused, id);
    }

    // ------------------------------------------------------------------------------ internal

    function _requireMember(uint256 e3Id, address node) private view {
        if (committees.memberStatus(e3Id, node) == 0) revert NotCommitteeMember(e3Id, node);
    }

    function _requireSigner(bytes32 digest, bytes calldata sig, address expected) private pure {
        address actual = Signatures.recover(digest, sig);
        if (actual != expected) revert WrongSigner(expected, actual);
    }

    /// Calls the verifier with a fixed gas budget. A revert counts as a rejection, which is only
    /// sound if the caller cannot starve the call of gas: by EIP-150 a call receives at most 63/64
    /// of the gas left, so we require enough that the full budget is forwarded.
    function _proofValid(uint8 proofKind, bytes calldata proof, bytes32[] calldata publicInputs)
        private
        view
        returns (bool)
    {
        ProofVerifier memory cfg = proofVerifiers[proofKind];
        if (address(cfg.verifier) == address(0)) revert UnknownProofKind(proofKind);
        uint256 needed = (uint256(cfg.gasLimit) * 64) / 63 + GAS_RESERVE;
        if (gasleft() < needed) revert InsufficientGas(gasleft(), needed);
        try cfg.verifier.verify{gas: cfg.gasLimit}(proof, publicInputs) returns (bool ok) {
            return ok;
        } catch {
            return false;
        }
    }

    function _punish(EvidenceKind kind, uint256 e3Id, address node, bytes32 id) private {
        if (evidenceUsed[id]) revert EvidenceAlreadyUsed(id);
        evidenceUsed[id] = true;
        Policy memory p = policies[kind];
        (uint256 bondSlashed, uint64 ticketsSlashed) = operators.slash(node, p.bondPenalty, p.ticketPenalty, id);
        bool expelled = false;
        if (p.expel && committees.memberStatus(e3Id, node) == 1) {
            committees.expelMember(e3Id, node);
            expelled = true;
        }
        emit NodeSlashed(id, kind, e3Id, node, bondSlashed, ticketsSlashed, expelled);
    }
}
