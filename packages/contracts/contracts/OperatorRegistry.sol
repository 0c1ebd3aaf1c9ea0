// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "./interfaces/IERC20.sol";
import {Owned} from "./lib/Owned.sol";
import {SafeTransfer} from "./lib/SafeTransfer.sol";

/// @title Operator registry and bonding (SYSTEM.md §7)
/// @notice Ciphernodes bond an ERC-20 amount and buy tickets (sortition weight) at a fixed price.
/// A node is active when registered, not exiting, bonded at least `minBond` and holding at least
/// `minTickets`. Its *effective* ticket count (0 when inactive) is checkpointed per block so the
/// sortition reads it at the request block: a change made in that block or later never counts.
/// Deregistration starts an exit: the node leaves sortition at once, but its bond and tickets stay
/// locked, and slashable, for `exitDelay` seconds before they can be withdrawn. A member of an
/// active committee cannot withdraw at all: the orchestrator locks each member when its committee
/// is finalised and releases it when the E3 completes or fails, and the exit delay then counts
/// again from that release, so evidence about an E3 can be brought for `exitDelay` seconds after
/// it ended however long its windows ran (issue 8).
contract OperatorRegistry is Owned {
    using SafeTransfer for IERC20;

    error AlreadyRegistered(address operator);
    error NotRegistered(address operator);
    error OperatorExiting(address operator);
    error NotExiting(address operator);
    error ExitDelayNotElapsed(uint64 unlockAt, uint64 nowTs);
    error ZeroAmount();
    error NotSlasher(address caller);
    error SlasherAlreadySet();
    error InvalidConfig();
    error NotOrchestrator(address caller);
    error OrchestratorAlreadySet();
    error OnActiveCommittee(address operator, uint32 activeCommittees);

    event OperatorRegistered(address indexed operator);
    event BondAdded(address indexed operator, uint256 amount, uint256 newBond);
    event TicketsAdded(address indexed operator, uint64 count, uint64 newTickets);
    event ActiveChanged(address indexed operator, bool active, uint64 effectiveTickets);
    event ExitRequested(address indexed operator, uint64 unlockAt);
    event ExitWithdrawn(address indexed operator, uint256 bond, uint64 tickets, uint256 ticketValue);
    event OperatorSlashed(
        address indexed operator, uint256 bondSlashed, uint64 ticketsSlashed, uint256 ticketValue, bytes32 indexed evidenceId
    );
    event SlasherSet(address slasher);
    event OrchestratorSet(address orchestrator);
    event CommitteeLocked(address indexed operator, uint32 activeCommittees);
    event CommitteeReleased(address indexed operator, uint32 activeCommittees);

    struct Operator {
        bool registered;
        bool exiting;
        uint64 exitUnlockAt;
        uint64 tickets;
        uint256 bond;
    }

    /// Effective tickets from `fromBlock` on (until the next checkpoint).
    struct Checkpoint {
        uint64 fromBlock;
        uint64 tickets;
    }

    IERC20 public immutable bondToken;
    IERC20 public immutable ticketToken;
    uint256 public immutable ticketPrice;
    uint256 public immutable minBond;
    uint64 public immutable minTickets;
    uint64 public immutable exitDelay;
    address public immutable treasury;
    address public slasher;
    /// The E3 orchestrator: the only caller of lockCommittee / releaseCommittee.
    address public orchestrator;

    mapping(address => Operator) private _operators;
    /// Number of E3s, finalised and not yet Complete or Failed, whose committee holds the operator.
    mapping(address => uint32) public activeCommittees;
    /// When the operator's last committee was released (unix seconds; 0 never).
    mapping(address => uint64) public lastCommitteeEnd;
    mapping(address => Checkpoint[]) private _checkpoints;

    constructor(
        IERC20 bondToken_,
        IERC20 ticketToken_,
        uint256 ticketPrice_,
        uint256 minBond_,
        uint64 minTickets_,
        uint64 exitDelay_,
        address treasury_,
        address owner_
    ) Owned(owner_) {
        if (address(bondToken_) == address(0) || address(ticketToken_) == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        if (ticketPrice_ == 0 || minTickets_ == 0) revert InvalidConfig();
        bondToken = bondToken_;
        ticketToken = ticketToken_;
        ticketPrice = ticketPrice_;
        minBond = minBond_;
        minTickets = minTickets_;
        exitDelay = exitDelay_;
        treasury = treasury_;
    }

    /// The slashing manager; set once by the owner after deployment (it needs this address).
    function setSlasher(address slasher_) external onlyOwner {
        if (slasher != address(0)) revert SlasherAlreadySet();
        if (slasher_ == address(0)) revert ZeroAddress();
        slasher = slasher_;
        emit SlasherSet(slasher_);
    }

    /// The orchestrator; set once by the owner after deployment (it needs this address).
    function setOrchestrator(address orchestrator_) external onlyOwner {
        if (orchestrator != address(0)) revert OrchestratorAlreadySet();
        if (orchestrator_ == address(0)) revert ZeroAddress();
        orchestrator = orchestrator_;
        emit OrchestratorSet(orchestrator_);
    }

    /// Orchestrator only: the members of a just-finalised committee stay locked until release.
    function lockCommittee(address[] calldata members) external {
        if (msg.sender != orchestrator) revert NotOrchestrator(msg.sender);
        for (uint256 i = 0; i < members.length; ++i) {
            uint32 active = activeCommittees[members[i]] + 1;
            activeCommittees[members[i]] = active;
            emit CommitteeLocked(members[i], active);
        }
    }

    /// Orchestrator only: the E3 of this committee reached Complete or Failed.
    function releaseCommittee(address[] calldata members) external {
        if (msg.sender != orchestrator) revert NotOrchestrator(msg.sender);
        uint64 nowTs = uint64(block.timestamp);
        for (uint256 i = 0; i < members.length; ++i) {
            // Locked at finalisation, released once at the terminal stage: never below zero.
            uint32 active = activeCommittees[members[i]];
            activeCommittees[members[i]] = active - 1;
            lastCommitteeEnd[members[i]] = nowTs;
            emit CommitteeReleased(members[i], active - 1);
        }
    }

    function register() external {
        Operator storage op = _operators[msg.sender];
        if (op.registered) revert AlreadyRegistered(msg.sender);
        op.registered = true;
        emit OperatorRegistered(msg.sender);
        _checkpoint(msg.sender);
    }

    function addBond(uint256 amount) external {
        Operator storage op = _live(msg.sender);
        if (amount == 0) revert ZeroAmount();
        bondToken.pull(msg.sender, amount);
        op.bond += amount;
        emit BondAdded(msg.sender, amount, op.bond);
        _checkpoint(msg.sender);
    }

    function addTickets(uint64 count) external {
        Operator storage op = _live(msg.sender);
        if (count == 0) revert ZeroAmount();
        ticketToken.pull(msg.sender, uint256(count) * ticketPrice);
        op.tickets += count;
        emit TicketsAdded(msg.sender, count, op.tickets);
        _checkpoint(msg.sender);
    }

    /// Leaves sortition now; funds stay locked and slashable until the exit delay has elapsed.
    function deregister() external {
        Operator storage op = _live(msg.sender);
        op.exiting = true;
        op.exitUnlockAt = uint64(block.timestamp) + exitDelay;
        emit ExitRequested(msg.sender, op.exitUnlockAt);
        _checkpoint(msg.sender);
    }

    function withdrawExited() external {
        Operator storage op = _operators[msg.sender];
        if (!op.registered) revert NotRegistered(msg.sender);
        if (!op.exiting) revert NotExiting(msg.sender);
        uint32 active = activeCommittees[msg.sender];
        if (active != 0) revert OnActiveCommittee(msg.sender, active);
        uint64 unlockAt = exitUnlockAt(msg.sender);
        if (block.timestamp < unlockAt) revert ExitDelayNotElapsed(unlockAt, uint64(block.timestamp));
        uint256 bond = op.bond;
        uint64 tickets = op.tickets;
        delete _operators[msg.sender];
        uint256 ticketValue = uint256(tickets) * ticketPrice;
        if (bond != 0) bondToken.push(msg.sender, bond);
        if (ticketValue != 0) ticketToken.push(msg.sender, ticketValue);
        emit ExitWithdrawn(msg.sender, bond, tickets, ticketValue);
    }

    /// Takes up to `bondAmount` of bond and `ticketCount` tickets (capped at what is left) to the
    /// treasury. Works while exiting: that is what the exit delay is for.
    function slash(address operator, uint256 bondAmount, uint64 ticketCount, bytes32 evidenceId)
        external
        returns (uint256 bondSlashed, uint64 ticketsSlashed)
    {
        if (msg.sender != slasher) revert NotSlasher(msg.sender);
        Operator storage op = _operators[operator];
        bondSlashed = bondAmount < op.bond ? bondAmount : op.bond;
        ticketsSlashed = ticketCount < op.tickets ? ticketCount : op.tickets;
        op.bond -= bondSlashed;
        op.tickets -= ticketsSlashed;
        uint256 ticketValue = uint256(ticketsSlashed) * ticketPrice;
        if (bondSlashed != 0) bondToken.push(treasury, bondSlashed);
        if (ticketValue != 0) ticketToken.push(treasury, ticketValue);
        emit OperatorSlashed(operator, bondSlashed, ticketsSlashed, ticketValue, evidenceId);
        if (op.registered) _checkpoint(operator);
    }

    // ----------------------------------------------------------------------------------- views

    function operatorInfo(address operator) external view returns (Operator memory) {
        return _operators[operator];
    }

    /// When an exiting operator may withdraw (if on no active committee): the later of the exit
    /// request plus `exitDelay` and its last committee's release plus `exitDelay`.
    function exitUnlockAt(address operator) public view returns (uint64) {
        uint64 a = _operators[operator].exitUnlockAt;
        uint64 end = lastCommitteeEnd[operator];
        uint64 b = end == 0 ? 0 : end + exitDelay;
        return a > b ? a : b;
    }

    function isActive(address operator) public view returns (bool) {
        Operator storage op = _operators[operator];
        return op.registered && !op.exiting && op.bond >= minBond && op.tickets >= minTickets;
    }

    /// Effective tickets now (0 when inactive).
    function effectiveTickets(address operator) public view returns (uint64) {
        return isActive(operator) ? _operators[operator].tickets : 0;
    }

    /// Effective tickets at the start of `blockNumber`: only checkpoints written in earlier blocks
    /// count, so nothing done in the request block itself (before or after the request) helps.
    function ticketsAt(address operator, uint256 blockNumber) external view returns (uint64) {
        Checkpoint[] storage cps = _checkpoints[operator];
        uint256 lo = 0;
        uint256 hi = cps.length;
        // First index whose fromBlock >= blockNumber; the answer is the one before it.
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (cps[mid].fromBlock < blockNumber) lo = mid + 1;
            else hi = mid;
        }
        return lo == 0 ? 0 : cps[lo - 1].tickets;
    }

    function checkpointCount(address operator) external view returns (uint256) {
        return _checkpoints[operator].length;
    }

    // -------------------------------------------------------------------------------- internal

    function _live(address operator) private view returns (Operator storage op) {
        op = _operators[operator];
        if (!op.registered) revert NotRegistered(operator);
        if (op.exiting) revert OperatorExiting(operator);
    }

    function _checkpoint(address operator) private {
        uint64 eff = effectiveTickets(operator);
        Checkpoint[] storage cps = _checkpoints[operator];
        uint256 len = cps.length;
        uint64 prev = len == 0 ? 0 : cps[len - 1].tickets;
        if (len != 0 && cps[len - 1].fromBlock == block.number) {
            cps[len - 1].tickets = eff;
        } else if (len == 0 || prev != eff) {
            cps.push(Checkpoint({fromBlock: uint64(block.number), tickets: eff}));
        }
        if ((prev != 0) != (eff != 0)) emit ActiveChanged(operator, eff != 0, eff);
    }
}
