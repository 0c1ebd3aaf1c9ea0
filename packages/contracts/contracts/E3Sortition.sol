// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {E3Base} from "./E3Base.sol";
import {Stage, E3} from "./E3Types.sol";

/// @notice Stake-weighted sortition (SYSTEM.md §3 step 2). Ticket k of node v scores
/// keccak256(abi.encode(v, k, e3Id, seed)); every node submits its best ticket inside the
/// submission window; the contract re-checks k against v's ticket balance at the request block
/// and keeps the n lowest scores. Finalisation is permissionless after the window.
///
/// Why the seed is not grindable (issue 8): the seed is keccak256(abi.encode(prevrandao, e3Id))
/// where prevrandao is `block.prevrandao` of the first block at or after seedBlock =
/// requestBlock + seedDelay in which anyone calls fixSeed (or submitTicket). That block does not
/// exist when the request is mined, so the requester cannot know the value. Unlike a block hash,
/// which the producer of the seed block can grind over header variants (timestamps, extra data,
/// transaction order: 16 variants gave 12 distinct committees), prevrandao is fixed by the beacon
/// chain's RANDAO before that block is built: its producer can only withhold the block or censor
/// every fixSeed in it, moving the seed to a later block's value, one bit of bias per censored
/// block and at the cost of the block reward. Honest nodes send fixSeed as soon as the block
/// before seedBlock is mined (src/chain of the node), so the seed is seedBlock's value unless that
/// producer censors them. A node reads the value off chain as the `mixHash` of the block in which
/// SeedFixed was emitted (`seedFromPrevrandao` in src/sortition.ts). If nobody fixes the seed
/// within SEED_HORIZON blocks the E3 fails (SeedUnavailable) rather than let a late caller choose
/// among many blocks. Nodes cannot adapt their stake to the seed either: tickets count as of the
/// start of the request block, before the seed exists. The sortition window is at least the seed
/// delay plus one block (`minSortitionWindow`), so tickets can always be submitted after the seed.
abstract contract E3Sortition is E3Base {
    struct Pool {
        address[] nodes; // sorted by score ascending, at most n
        bytes32[] scores;
    }

    mapping(uint256 => Pool) internal _pools;
    mapping(uint256 => mapping(address => bool)) public ticketSubmitted;

    /// Fixes the seed from this block's prevrandao once the seed block is reached (anyone may
    /// call; submitTicket does it too). Idempotent: a fixed seed is returned unchanged.
    function fixSeed(uint256 e3Id) public returns (bytes32 seed) {
        E3 storage e = _at(e3Id, Stage.Requested);
        return _seed(e3Id, e);
    }

    function _seed(uint256 e3Id, E3 storage e) internal returns (bytes32 seed) {
        seed = e.seed;
        if (seed != bytes32(0)) return seed;
        uint64 seedBlock = e.schedule.seedBlock;
        if (block.number < seedBlock) revert SeedNotYetAvailable(e3Id, seedBlock);
        if (block.number > uint256(seedBlock) + SEED_HORIZON) revert SeedExpired(e3Id, seedBlock);
        seed = keccak256(abi.encode(block.prevrandao, e3Id));
        e.seed = seed;
        // The block whose prevrandao (header mixHash) made the seed: seedBlock unless censored.
        emit SeedFixed(e3Id, seed, uint64(block.number));
    }

    /// The sortition score of one ticket; the TypeScript twin is `ticketScore` in src/sortition.ts.
    function ticketScore(address node, uint256 ticket, uint256 e3Id, bytes32 seed) public pure returns (bytes32) {
        return keccak256(abi.encode(node, ticket, e3Id, seed));
    }

    function submitTicket(uint256 e3Id, uint256 ticket) external {
        E3 storage e = _at(e3Id, Stage.Requested);
        if (block.timestamp > e.schedule.sortitionDeadline) revert SortitionClosed(e3Id, e.schedule.sortitionDeadline);
        bytes32 seed = _seed(e3Id, e);
        if (ticketSubmitted[e3Id][msg.sender]) revert AlreadySubmitted(e3Id, msg.sender);
        // An exiting or under-bonded node would not take part: it may not be selected.
        if (!operators.isActive(msg.sender)) revert NodeNotActive(msg.sender);
        uint64 balance = operators.ticketsAt(msg.sender, e.schedule.requestBlock);
        if (ticket == 0 || ticket > balance) revert TicketOutOfRange(ticket, balance);

        bytes32 score = ticketScore(msg.sender, ticket, e3Id, seed);
        Pool storage p = _pools[e3Id];
        uint256 len = p.scores.length;
        uint256 i;
        if (len < e.committeeSize) {
            p.scores.push();
            p.nodes.push();
            i = len;
        } else {
            bytes32 worst = p.scores[len - 1];
            if (score >= worst) revert TicketNotCompetitive(e3Id, score, worst);
            i = len - 1; // the worst entry is dropped
        }
        while (i > 0 && p.scores[i - 1] > score) {
            p.scores[i] = p.scores[i - 1];
            p.nodes[i] = p.nodes[i - 1];
            --i;
        }
        p.scores[i] = score;
        p.nodes[i] = msg.sender;
        ticketSubmitted[e3Id][msg.sender] = true;
        emit TicketSubmitted(e3Id, msg.sender, ticket, score);
    }

    /// Permissionless once the submission window is over. With fewer than n submissions it
    /// reverts; `markFailed` then fails the E3 (InsufficientCommittee).
    function finalizeCommittee(uint256 e3Id) external {
        E3 storage e = _at(e3Id, Stage.Requested);
        if (block.timestamp <= e.schedule.sortitionDeadline) {
            revert SortitionStillOpen(e3Id, e.schedule.sortitionDeadline);
        }
        if (block.timestamp > e.schedule.keyDeadline) revert DeadlinePassed(e3Id, e.schedule.keyDeadline);
        Pool storage p = _pools[e3Id];
        uint256 n = e.committeeSize;
        if (p.nodes.length < n) revert InsufficientSubmissions(e3Id, p.nodes.length, n);
        address[] memory members = p.nodes;
        for (uint256 i = 0; i < n; ++i) {
            _memberStatus[e3Id][members[i]] = 1;
        }
        _members[e3Id] = members;
        // Bonds stay locked while the E3 runs (released in E3Settlement._fail or on completion).
        operators.lockCommittee(members);
        e.goodMembers = uint16(n);
        e.stage = Stage.CommitteeFinalized;
        emit CommitteeFinalized(e3Id, members, e.threshold, e.seed);
    }

    function sortitionPool(uint256 e3Id) external view returns (address[] memory nodes, bytes32[] memory scores) {
        Pool storage p = _pools[e3Id];
        return (p.nodes, p.scores);
    }
}
