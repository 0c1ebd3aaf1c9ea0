// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IProgram} from "../interfaces/IProgram.sol";

/// @title A program validity hook for tests and the local chain
/// @notice One input per sender per E3, at most `maxInputBytes` long. Real programs (ballot,
/// auction, data pool) add their validity-proof check here.
contract SingleSubmissionProgram is IProgram {
    error NotOrchestrator(address caller);

    address public immutable orchestrator;
    uint256 public immutable maxInputBytes;
    mapping(uint256 => mapping(address => bool)) public submitted;

    constructor(address orchestrator_, uint256 maxInputBytes_) {
        orchestrator = orchestrator_;
        maxInputBytes = maxInputBytes_;
    }

    function validateInput(uint256 e3Id, address sender, bytes calldata data) external returns (bool) {
        if (msg.sender != orchestrator) revert NotOrchestrator(msg.sender);
        if (data.length == 0 || data.length > maxInputBytes || submitted[e3Id][sender]) return false;
        submitted[e3Id][sender] = true;
        return true;
    }
}
