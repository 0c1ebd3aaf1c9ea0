// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IInputSink {
    function publishInput(uint256 e3Id, bytes calldata data) external;
}

/// @title A contract that submits inputs on its callers' behalf (a relayer or contract wallet), for tests
/// @notice Forwards publishInput unchanged, so the orchestrator's msg.sender is this contract: the
/// input adapters bind this address as the submitter, not the EOA that signed the transaction.
/// Never deployed by default.
contract InputRelayer {
    IInputSink public immutable orchestrator;

    constructor(IInputSink orchestrator_) {
        orchestrator = orchestrator_;
    }

    function relay(uint256 e3Id, bytes calldata data) external {
        orchestrator.publishInput(e3Id, data);
    }
}
