// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IProgram} from "../interfaces/IProgram.sol";
import {IProgramOutputGate} from "../interfaces/IProgramOutputGate.sol";
import {IProgramPublicInputs} from "./ProgramInputAdapter.sol";
import {E3} from "../E3Types.sol";

interface IE3View {
    function getE3(uint256 e3Id) external view returns (E3 memory);
}

/// @title Confidential data pool program (apps/datapool, docs/apps/datapool.md)
/// @notice One contribution per submitter per E3 (a second one is refused), and the output is
/// accepted only once at least `minContributors` distinct submitters contributed: below that the
/// orchestrator refuses the output ciphertext, nothing is decrypted, and the E3 fails at its
/// compute deadline with a refund. The requester fixes the minimum once, before inputs open.
/// The counts' bound and the number of fields are compiled into the input circuit
/// (noir/datapool_validity): the E3's input verifier, a ProgramInputAdapter of that circuit
/// chosen at request, pins them; it adds no public input of its own.
contract DataPoolProgram is IProgram, IProgramOutputGate, IProgramPublicInputs {
    error NotOrchestrator(address caller);
    error NotRequester(uint256 e3Id, address caller);
    error AlreadyConfigured(uint256 e3Id);
    error InputsAlreadyOpen(uint256 e3Id, uint64 inputStart);
    error InvalidMinimum(uint256 e3Id, uint32 minContributors);

    event PoolConfigured(uint256 indexed e3Id, uint32 minContributors);
    event Contributed(uint256 indexed e3Id, address indexed contributor, uint32 contributors);

    address public immutable orchestrator;
    mapping(uint256 => uint32) public minContributors;
    mapping(uint256 => uint32) public contributors;
    mapping(uint256 => mapping(address => bool)) public contributed;

    constructor(address orchestrator_) {
        orchestrator = orchestrator_;
    }

    function configure(uint256 e3Id, uint32 minContributors_) external {
        E3 memory e = IE3View(orchestrator).getE3(e3Id);
        if (msg.sender != e.requester) revert NotRequester(e3Id, msg.sender);
        if (address(e.program) != address(this)) revert NotRequester(e3Id, msg.sender);
        if (minContributors[e3Id] != 0) revert AlreadyConfigured(e3Id);
        if (block.timestamp >= e.schedule.inputStart) revert InputsAlreadyOpen(e3Id, e.schedule.inputStart);
        if (minContributors_ == 0) revert InvalidMinimum(e3Id, minContributors_);
        minContributors[e3Id] = minContributors_;
        emit PoolConfigured(e3Id, minContributors_);
    }

    /// For ProgramInputAdapter: no program public input; an unconfigured pool takes no input.
    function programPublicInputs(uint256 e3Id, address)
        external
        view
        returns (bool configured, bytes32[] memory values)
    {
        return (minContributors[e3Id] != 0, values);
    }

    /// Refuses inputs of an unconfigured pool and a second input of the same submitter.
    function validateInput(uint256 e3Id, address sender, bytes calldata) external returns (bool) {
        if (msg.sender != orchestrator) revert NotOrchestrator(msg.sender);
        if (minContributors[e3Id] == 0 || contributed[e3Id][sender]) return false;
        contributed[e3Id][sender] = true;
        uint32 n = contributors[e3Id] + 1;
        contributors[e3Id] = n;
        emit Contributed(e3Id, sender, n);
        return true;
    }

    function outputAllowed(uint256 e3Id) external view returns (bool) {
        uint32 min = minContributors[e3Id];
        return min != 0 && contributors[e3Id] >= min;
    }
}
