// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "./interfaces/IERC20.sol";
import {Owned} from "./lib/Owned.sol";
import {OperatorRegistry} from "./OperatorRegistry.sol";
import {ProgramRegistry} from "./ProgramRegistry.sol";
import {Stage, FailureReason, Fault, RequestParams, Schedule, E3} from "./E3Types.sol";

/// @notice Storage, errors and events shared by the orchestrator's modules. Every transition
/// emits an event carrying the e3Id and what a node needs to act on it without further reads.
abstract contract E3Base is Owned {
    // ------------------------------------------------------------------------------ errors
    error UnknownE3(uint256 e3Id);
    error WrongStage(uint256 e3Id, Stage actual, Stage expected);
    error InvalidCommittee(uint16 committeeSize, uint16 threshold);
    error InvalidSchedule();
    error UnknownParamSet(bytes32 paramSet);
    error VerifierNotApproved(address verifier, uint8 kind);
    error FeeTooLow(uint256 fee, uint256 minFee);
    error SeedNotYetAvailable(uint256 e3Id, uint64 seedBlock);
    error SeedExpired(uint256 e3Id, uint64 seedBlock);
    error SortitionClosed(uint256 e3Id, uint64 deadline);
    error SortitionStillOpen(uint256 e3Id, uint64 deadline);
    error AlreadySubmitted(uint256 e3Id, address node);
    error NodeNotActive(address node);
    error TicketOutOfRange(uint256 ticket, uint64 ticketsAtRequest);
    error TicketNotCompetitive(uint256 e3Id, bytes32 score, bytes32 worstKept);
    error InsufficientSubmissions(uint256 e3Id, uint256 submitted, uint256 needed);
    error DeadlinePassed(uint256 e3Id, uint64 deadline);
    error PublicKeyRejected(uint256 e3Id);
    error InputWindowClosed(uint256 e3Id, uint64 inputStart, uint64 inputEnd);
    error InputWindowStillOpen(uint256 e3Id, uint64 inputEnd);
    error InputRejected(uint256 e3Id);
    error InputInvalidForProgram(uint256 e3Id);
    error InputRootMismatch(uint256 e3Id, bytes32 expected, bytes32 actual);
    error NotComputeProvider(address caller, address computeProvider);
    error PlaintextRejected(uint256 e3Id);
    error NotFailable(uint256 e3Id, Stage stage);
    error NotSlasher(address caller);
    error SlasherAlreadySet();
    error NotCommitteeMember(uint256 e3Id, address node);
    error QuorumNotReached(uint256 e3Id, uint256 signers, uint256 needed);
    error NothingToWithdraw(address account);
    error InvalidBps(uint256 bps);
    error SortitionWindowTooShort(uint64 window, uint64 minimum);

    // ------------------------------------------------------------------------------ events
    event E3Requested(uint256 indexed e3Id, address indexed requester, RequestParams params, Schedule schedule);
    /// `seedBlock`: the block whose prevrandao made the seed (>= schedule.seedBlock).
    event SeedFixed(uint256 indexed e3Id, bytes32 seed, uint64 seedBlock);
    event TicketSubmitted(uint256 indexed e3Id, address indexed node, uint256 ticket, bytes32 score);
    event CommitteeFinalized(uint256 indexed e3Id, address[] members, uint16 threshold, bytes32 seed);
    event PublicKeyPublished(uint256 indexed e3Id, bytes publicKey, bytes32 pkCommitment, bytes32 pkHash);
    event InputPublished(
        uint256 indexed e3Id, uint64 indexed index, address indexed sender, bytes data, bytes32 inputHash, bytes32 inputRoot
    );
    event CiphertextOutputPublished(
        uint256 indexed e3Id, bytes ciphertext, bytes32 ciphertextCommitment, bytes32 inputRoot, uint64 inputCount
    );
    event PlaintextOutputPublished(uint256 indexed e3Id, bytes plaintext);
    event E3Completed(uint256 indexed e3Id, uint256 committeePay, uint256 protocolPay);
    event E3Failed(
        uint256 indexed e3Id, Stage failedAt, FailureReason reason, Fault fault, uint256 refund, uint256 committeePay
    );
    event MemberExpelled(uint256 indexed e3Id, address indexed node, uint16 goodMembers);
    event FeeCredited(uint256 indexed e3Id, address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event ParamSetAllowed(bytes32 indexed paramSet, bool allowed);
    event VerifierApproval(address indexed verifier, uint8 kinds);
    event FeesConfigured(uint256 minFee, uint16 protocolFeeBps, uint16 dkgShareBps);
    event SlasherSet(address slasher);

    // ------------------------------------------------------------------------------ config
    uint8 internal constant KIND_PK = 1;
    uint8 internal constant KIND_INPUT = 2;
    uint8 internal constant KIND_DECRYPTION = 4;
    uint16 public constant MAX_COMMITTEE = 64;
    uint64 internal constant MAX_WINDOW = 365 days;
    /// Blocks after the seed block in which the seed may still be fixed; past it the E3 fails
    /// (SeedUnavailable) rather than let a late caller pick among many blocks' prevrandao.
    uint64 internal constant SEED_HORIZON = 256;

    IERC20 public immutable feeToken;
    OperatorRegistry public immutable operators;
    ProgramRegistry public immutable programs;
    address public immutable treasury;
    uint64 public immutable seedDelay;
    /// The chain's block interval in seconds (12 on Ethereum): converts `seedDelay` into time so a
    /// sortition window can never close before its seed exists.
    uint64 public immutable blockTime;

    address public slasher;
    uint256 public minFee;
    uint16 public protocolFeeBps;
    uint16 public dkgShareBps;
    mapping(bytes32 => bool) public paramSetAllowed;
    /// Bitmask of KIND_* a verifier contract is approved for by the owner.
    mapping(address => uint8) public verifierKinds;

    // ------------------------------------------------------------------------------ state
    uint256 public e3Count;
    mapping(uint256 => E3) internal _e3s;
    mapping(uint256 => address[]) internal _members; // ascending score = party ids 1..n
    mapping(uint256 => mapping(address => uint8)) internal _memberStatus; // 0 none, 1 good, 2 expelled
    mapping(address => uint256) public claimable; // pull payments in feeToken

    constructor(
        IERC20 feeToken_,
        OperatorRegistry operators_,
        ProgramRegistry programs_,
        address treasury_,
        uint64 seedDelay_,
        uint64 blockTime_,
        address owner_
    ) Owned(owner_) {
        if (
            address(feeToken_) == address(0) || address(operators_) == address(0) || address(programs_) == address(0)
                || treasury_ == address(0)
        ) revert ZeroAddress();
        if (seedDelay_ == 0 || seedDelay_ >= SEED_HORIZON || blockTime_ == 0 || blockTime_ > 3600) revert InvalidSchedule();
        feeToken = feeToken_;
        operators = operators_;
        programs = programs_;
        treasury = treasury_;
        seedDelay = seedDelay_;
        blockTime = blockTime_;
    }

    /// The shortest sortition window a request may ask for: the seed delay plus one block in
    /// which to submit tickets once the seed is known, in seconds.
    function minSortitionWindow() public view returns (uint64) {
        return (seedDelay + 1) * blockTime;
    }

    function _get(uint256 e3Id) internal view returns (E3 storage e) {
        e = _e3s[e3Id];
        if (e.stage == Stage.None) revert UnknownE3(e3Id);
    }

    function _at(uint256 e3Id, Stage expected) internal view returns (E3 storage e) {
        e = _get(e3Id);
        if (e.stage != expected) revert WrongStage(e3Id, e.stage, expected);
    }

    function _credit(uint256 e3Id, address account, uint256 amount) internal {
        if (amount == 0) return;
        claimable[account] += amount;
        emit FeeCredited(e3Id, account, amount);
    }
}
