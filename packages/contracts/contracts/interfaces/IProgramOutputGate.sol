// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Optional second hook of a program (SYSTEM.md §6): the orchestrator accepts the output
/// ciphertext only if the program allows it (e.g. the data pool's minimum number of distinct
/// contributors, docs/apps/datapool.md). Without an output, the E3 fails at its compute deadline
/// and the requester is refunded. Programs that do not implement it are not gated.
interface IProgramOutputGate {
    function outputAllowed(uint256 e3Id) external view returns (bool);
}
