// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A registered program's on-chain validity hook (SYSTEM.md §6). Called by the
/// orchestrator for every input inside the input window; returning false or reverting rejects
/// the input. It may keep state (e.g. one input per sender) and must only trust calls from the
/// orchestrator it was built for.
interface IProgram {
    function validateInput(uint256 e3Id, address sender, bytes calldata data) external returns (bool);
}
