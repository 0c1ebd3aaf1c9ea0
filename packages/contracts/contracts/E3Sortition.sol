// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {E3Base} from "./E3Base.sol";
import {Stage, E3} from "./E3Types.sol";

/// @notice Stake-weighted sortition (SYSTEM.md §3 step 2). Ticket k of node v scores
/// keccak256(abi.encode(v, k, e3Id, seed)); every node submits its best ticket inside the
/// submission window; the contract re-checks k against v's ticket balance at the request block
/// and keeps the n lowest scores. Finalisation is permissionless after the window.
///
/// Why the seed is not grindable by the requester: the seed is
/// keccak256(abi.encode(blockhash(seedBlock), e3Id)) with seedBlock = requestBlock + seedDelay,
/// a block that does not exist when the request is mined. The requester fixes the e3Id (a
/// counter) and the stake snapshot (the request block) but cannot know or choose the hash of a
/// later block; only that block's producer could bias it (by withholding its block and losing the
/// reward), which is the usual blockhash trust assumption. Nodes cannot adapt their stake to the
/// seed either: tickets count as of the start of the request block, before the seed exists.
/// The hash is readable for 256 blocks; if nobody fixes the seed in that time the E3 fails
/// (SeedUnavailable) rather than fall back to a value someone could choose.
abstract contract E3Sortition is E3Base {
    struct Pool {
        address[] nodes; // sorted by score ascending, at most n
        bytes32[] scores;
    }

    mapping(uint256 => Pool) internal _pools;
    mapping(uint256 => mapping(address => bool)) public ticketSubmitted;

    /// Fixes the seed once its block is mined (anyone may call; submitTicket does it too).
    function fixSeed(uint256 e3Id) public returns (bytes32 seed) {
        E3 storage e = _at(e3Id, Stage.Requested);
        return _seed(e3Id, e);
    }

    function _seed(uint256 e3Id, E3 storage e) internal returns (bytes32 seed) {
        seed = e.seed;
        if (seed != bytes32(0)) return seed;
        uint64 seedBlock = e.schedule.seedBlock;
        if (block.number <= seedBlock) revert SeedNotYetAvailable(e3Id, seedBlock);
        bytes32 h = blockhash(seedBlock);
        if (h == bytes32(0)) revert SeedExpired(e3Id, seedBlock);
        seed = keccak256(abi.encode(h, e3Id));
        e.seed = seed;
        emit SeedFixed(e3Id, seed, seedBlock);
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
        e.goodMembers = uint16(n);
        e.stage = Stage.CommitteeFinalized;
        emit CommitteeFinalized(e3Id, members, e.threshold, e.seed);
    }

    function sortitionPool(uint256 e3Id) external view returns (address[] memory nodes, bytes32[] memory scores) {
        Pool storage p = _pools[e3Id];
        return (p.nodes, p.scores);
    }
}
