// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IProgram} from "../interfaces/IProgram.sol";
import {IProgramPublicInputs} from "./ProgramInputAdapter.sol";
import {IE3View} from "./DataPoolProgram.sol";
import {E3} from "../E3Types.sol";

interface IProgramInputAdapterView {
    function program() external view returns (IProgramPublicInputs);
}

/// @title Secret ballot program (apps/ballot, docs/apps/ballot.md)
/// @notice The requester fixes the allowlist (the Poseidon2 Merkle root of the voters'
/// addresses, circuits' src/programs/merkle.ts) once, before inputs open; the E3's input verifier
/// must be a ProgramInputAdapter of this program (checked then), which verifies each ballot's
/// proof with public inputs [.., voter = the submitter, allowlist root]: one-hot, from a listed
/// voter, bound to the voter's address. Every ballot so accepted is appended; the committee counts
/// each voter's LAST accepted ballot (apps/ballot compute.ts), so a voter may vote again.
contract BallotProgram is IProgram, IProgramPublicInputs {
    error NotOrchestrator(address caller);
    error NotRequester(uint256 e3Id, address caller);
    error NotThisProgram(uint256 e3Id);
    error WrongInputVerifier(uint256 e3Id, address inputVerifier);
    error AlreadyConfigured(uint256 e3Id);
    error InputsAlreadyOpen(uint256 e3Id, uint64 inputStart);
    error InvalidRoot(uint256 e3Id);

    event PollConfigured(uint256 indexed e3Id, bytes32 allowlistRoot);
    event BallotAccepted(uint256 indexed e3Id, address indexed voter, uint32 ballotsOfVoter);

    /// BN254 scalar field: the root is a public input of the ballot circuit.
    uint256 internal constant P = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    address public immutable orchestrator;
    mapping(uint256 => bytes32) public allowlistRoot;
    mapping(uint256 => mapping(address => uint32)) public ballotsOf;

    constructor(address orchestrator_) {
        orchestrator = orchestrator_;
    }

    function configure(uint256 e3Id, bytes32 root) external {
        E3 memory e = IE3View(orchestrator).getE3(e3Id);
        if (msg.sender != e.requester) revert NotRequester(e3Id, msg.sender);
        if (address(e.program) != address(this)) revert NotThisProgram(e3Id);
        if (allowlistRoot[e3Id] != bytes32(0)) revert AlreadyConfigured(e3Id);
        if (block.timestamp >= e.schedule.inputStart) revert InputsAlreadyOpen(e3Id, e.schedule.inputStart);
        if (root == bytes32(0) || uint256(root) >= P) revert InvalidRoot(e3Id);
        // Without the ballot proof a requester could take unchecked ballots: refuse other verifiers.
        try IProgramInputAdapterView(address(e.inputVerifier)).program() returns (IProgramPublicInputs p) {
            if (address(p) != address(this)) revert WrongInputVerifier(e3Id, address(e.inputVerifier));
        } catch {
            revert WrongInputVerifier(e3Id, address(e.inputVerifier));
        }
        allowlistRoot[e3Id] = root;
        emit PollConfigured(e3Id, root);
    }

    /// [voter = the submitter, allowlist root] for the ballot circuit; not configured: no input.
    function programPublicInputs(uint256 e3Id, address submitter)
        external
        view
        returns (bool configured, bytes32[] memory values)
    {
        bytes32 root = allowlistRoot[e3Id];
        if (root == bytes32(0)) return (false, values);
        values = new bytes32[](2);
        values[0] = bytes32(uint256(uint160(submitter)));
        values[1] = root;
        return (true, values);
    }

    /// The proof was checked by the input verifier (verified at configure time to be this
    /// program's adapter); here only the count of ballots per voter (a later one replaces it).
    function validateInput(uint256 e3Id, address sender, bytes calldata) external returns (bool) {
        if (msg.sender != orchestrator) revert NotOrchestrator(msg.sender);
        if (allowlistRoot[e3Id] == bytes32(0)) return false;
        uint32 n = ballotsOf[e3Id][sender] + 1;
        ballotsOf[e3Id][sender] = n;
        emit BallotAccepted(e3Id, sender, n);
        return true;
    }
}
