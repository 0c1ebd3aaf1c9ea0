// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IProgram} from "./interfaces/IProgram.sol";
import {Owned} from "./lib/Owned.sol";

/// @title Program registry (SYSTEM.md §6)
/// @notice Programs are registered by the owner (a program's validity hook runs inside every
/// input submission, so a malicious hook could grief E3s that chose it) and may be disabled for
/// new requests; E3s already requested keep the program address they were created with.
contract ProgramRegistry is Owned {
    error NotAContract(address program);
    error UnknownProgram(uint256 programId);

    event ProgramRegistered(uint256 indexed programId, address indexed program, string name);
    event ProgramEnabled(uint256 indexed programId, bool enabled);

    struct Program {
        IProgram hook;
        bool enabled;
        string name;
    }

    mapping(uint256 => Program) private _programs;
    uint256 public programCount;

    constructor(address owner_) Owned(owner_) {}

    function registerProgram(IProgram hook, string calldata name) external onlyOwner returns (uint256 programId) {
        if (address(hook).code.length == 0) revert NotAContract(address(hook));
        programId = ++programCount;
        _programs[programId] = Program({hook: hook, enabled: true, name: name});
        emit ProgramRegistered(programId, address(hook), name);
    }

    function setProgramEnabled(uint256 programId, bool enabled) external onlyOwner {
        if (programId == 0 || programId > programCount) revert UnknownProgram(programId);
        _programs[programId].enabled = enabled;
        emit ProgramEnabled(programId, enabled);
    }

    /// The hook of an enabled program; reverts UnknownProgram otherwise.
    function programHook(uint256 programId) external view returns (IProgram) {
        Program storage p = _programs[programId];
        if (!p.enabled) revert UnknownProgram(programId);
        return p.hook;
    }

    function programInfo(uint256 programId) external view returns (Program memory) {
        return _programs[programId];
    }
}
