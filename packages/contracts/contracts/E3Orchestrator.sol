// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "./interfaces/IERC20.sol";
import {IProgram} from "./interfaces/IProgram.sol";
import {IProgramOutputGate} from "./interfaces/IProgramOutputGate.sol";
import {SafeTransfer} from "./lib/SafeTransfer.sol";
import {Signatures} from "./lib/Signatures.sol";
import {OperatorRegistry} from "./OperatorRegistry.sol";
import {ProgramRegistry} from "./ProgramRegistry.sol";
import {E3Base} from "./E3Base.sol";
import {E3Sortition} from "./E3Sortition.sol";
import {E3Settlement} from "./E3Settlement.sol";
import {Stage, FailureReason, RequestParams, Schedule, E3} from "./E3Types.sol";

/// @title E3 orchestrator (SYSTEM.md §3)
/// @notice Requested -> CommitteeFinalized -> KeyPublished -> (input window) -> CiphertextReady
/// -> Complete, and Failed(reason) from any active stage once its deadline passes. Every
/// publication goes through the verifier the requester chose among those the owner approved.
/// Implements ICommitteeView (memberStatus, thresholdOf, expelMember) for verifiers and slashing.
contract E3Orchestrator is E3Sortition, E3Settlement {
    using SafeTransfer for IERC20;

    /// EIP-712: a committee member rejects the output ciphertext (SYSTEM.md §6: honest nodes
    /// recompute the output and refuse to decrypt a wrong one).
    bytes32 public constant REJECT_OUTPUT_TYPEHASH = keccak256("RejectOutput(uint256 e3Id,bytes32 ciphertextHash)");

    /// The program's output gate refused the output (e.g. too few distinct contributors).
    error ProgramRefusedOutput(uint256 e3Id);

    constructor(
        IERC20 feeToken_,
        OperatorRegistry operators_,
        ProgramRegistry programs_,
        address treasury_,
        uint64 seedDelay_,
        uint64 blockTime_,
        uint256 minFee_,
        uint16 protocolFeeBps_,
        uint16 dkgShareBps_,
        address owner_
    ) E3Base(feeToken_, operators_, programs_, treasury_, seedDelay_, blockTime_, owner_) {
        _setFees(minFee_, protocolFeeBps_, dkgShareBps_);
    }

    // ------------------------------------------------------------------------------ owner

    function setSlasher(address slasher_) external onlyOwner {
        if (slasher != address(0)) revert SlasherAlreadySet();
        if (slasher_ == address(0)) revert ZeroAddress();
        slasher = slasher_;
        emit SlasherSet(slasher_);
    }

    function setParamSet(bytes32 paramSet, bool allowed) external onlyOwner {
        paramSetAllowed[paramSet] = allowed;
        emit ParamSetAllowed(paramSet, allowed);
    }

    /// `kinds` is a bitmask: 1 public key, 2 input, 4 decryption. 0 revokes.
    function setVerifierApproval(address verifier, uint8 kinds) external onlyOwner {
        verifierKinds[verifier] = kinds;
        emit VerifierApproval(verifier, kinds);
    }

    function setFees(uint256 minFee_, uint16 protocolFeeBps_, uint16 dkgShareBps_) external onlyOwner {
        _setFees(minFee_, protocolFeeBps_, dkgShareBps_);
    }

    function _setFees(uint256 minFee_, uint16 protocolFeeBps_, uint16 dkgShareBps_) private {
        if (protocolFeeBps_ > 10_000) revert InvalidBps(protocolFeeBps_);
        if (dkgShareBps_ > 10_000) revert InvalidBps(dkgShareBps_);
        minFee = minFee_;
        protocolFeeBps = protocolFeeBps_;
        dkgShareBps = dkgShareBps_;
        emit FeesConfigured(minFee_, protocolFeeBps_, dkgShareBps_);
    }

    // ------------------------------------------------------------------------------ request

    function request(RequestParams calldata p) external returns (uint256 e3Id) {
        // T >= 1: with T = 0 a single member would hold the whole key (spec 003 P1).
        if (p.threshold == 0 || p.threshold >= p.committeeSize || p.committeeSize > MAX_COMMITTEE) {
            revert InvalidCommittee(p.committeeSize, p.threshold);
        }
        if (!paramSetAllowed[p.paramSet]) revert UnknownParamSet(p.paramSet);
        if (verifierKinds[address(p.pkVerifier)] & KIND_PK == 0) revert VerifierNotApproved(address(p.pkVerifier), KIND_PK);
        if (verifierKinds[address(p.inputVerifier)] & KIND_INPUT == 0) {
            revert VerifierNotApproved(address(p.inputVerifier), KIND_INPUT);
        }
        if (verifierKinds[address(p.decryptionVerifier)] & KIND_DECRYPTION == 0) {
            revert VerifierNotApproved(address(p.decryptionVerifier), KIND_DECRYPTION);
        }
        if (p.fee < minFee || p.fee == 0) revert FeeTooLow(p.fee, minFee);
        IProgram hook = programs.programHook(p.programId);
        Schedule memory s = _schedule(p);

        e3Id = ++e3Count;
        E3 storage e = _e3s[e3Id];
        e.stage = Stage.Requested;
        e.committeeSize = p.committeeSize;
        e.threshold = p.threshold;
        e.protocolFeeBps = protocolFeeBps;
        e.dkgShareBps = dkgShareBps;
        e.requester = msg.sender;
        e.computeProvider = p.computeProvider == address(0) ? msg.sender : p.computeProvider;
        e.program = hook;
        e.pkVerifier = p.pkVerifier;
        e.inputVerifier = p.inputVerifier;
        e.decryptionVerifier = p.decryptionVerifier;
        e.programId = p.programId;
        e.paramSet = p.paramSet;
        e.fee = p.fee;
        e.schedule = s;

        feeToken.pull(msg.sender, p.fee);
        emit E3Requested(e3Id, msg.sender, p, s);
    }

    function _schedule(RequestParams calldata p) private view returns (Schedule memory s) {
        uint64 nowTs = uint64(block.timestamp);
        if (
            p.sortitionWindow == 0 || p.dkgWindow == 0 || p.computeWindow == 0 || p.decryptionWindow == 0
                || p.sortitionWindow > MAX_WINDOW || p.dkgWindow > MAX_WINDOW || p.computeWindow > MAX_WINDOW
                || p.decryptionWindow > MAX_WINDOW || p.inputEnd < p.inputStart || p.inputEnd > nowTs + 4 * MAX_WINDOW
        ) revert InvalidSchedule();
        uint64 minWindow = minSortitionWindow();
        if (p.sortitionWindow < minWindow) revert SortitionWindowTooShort(p.sortitionWindow, minWindow);
        s.requestBlock = uint64(block.number);
        s.seedBlock = uint64(block.number) + seedDelay;
        s.sortitionDeadline = nowTs + p.sortitionWindow;
        s.keyDeadline = s.sortitionDeadline + p.dkgWindow;
        // The key must be out before inputs open, so every input is encrypted to a published key.
        if (p.inputStart <= s.keyDeadline) revert InvalidSchedule();
        s.inputStart = p.inputStart;
        s.inputEnd = p.inputEnd;
        s.computeDeadline = p.inputEnd + p.computeWindow;
        s.decryptionDeadline = s.computeDeadline + p.decryptionWindow;
    }

    // ------------------------------------------------------------------------------ publications

    /// Committee public key (P2). Bytes in the event, commitment and hash in storage.
    function publishPublicKey(uint256 e3Id, bytes calldata publicKey, bytes32 pkCommitment, bytes calldata proof)
        external
    {
        E3 storage e = _at(e3Id, Stage.CommitteeFinalized);
        if (block.timestamp > e.schedule.keyDeadline) revert DeadlinePassed(e3Id, e.schedule.keyDeadline);
        bool ok;
        try e.pkVerifier.verifyPublicKey(e3Id, pkCommitment, publicKey, proof) returns (bool r) {
            ok = r;
        } catch {}
        if (!ok) revert PublicKeyRejected(e3Id);
        bytes32 pkHash = keccak256(publicKey);
        e.pkCommitment = pkCommitment;
        e.pkHash = pkHash;
        e.stage = Stage.KeyPublished;
        emit PublicKeyPublished(e3Id, publicKey, pkCommitment, pkHash);
    }

    /// One encrypted input (P3), accepted only inside the input window, verified, then checked
    /// by the program's validity hook and appended to the hash chain
    /// root_k = keccak256(abi.encode(root_{k-1}, k, keccak256(data))), root_0 = 0.
    function publishInput(uint256 e3Id, bytes calldata data) external {
        E3 storage e = _at(e3Id, Stage.KeyPublished);
        if (block.timestamp < e.schedule.inputStart || block.timestamp > e.schedule.inputEnd) {
            revert InputWindowClosed(e3Id, e.schedule.inputStart, e.schedule.inputEnd);
        }
        bool ok;
        try e.inputVerifier.verifyInput(e3Id, e.pkCommitment, msg.sender, data) returns (bool r) {
            ok = r;
        } catch {}
        if (!ok) revert InputRejected(e3Id);
        ok = false;
        try e.program.validateInput(e3Id, msg.sender, data) returns (bool r) {
            ok = r;
        } catch {}
        if (!ok) revert InputInvalidForProgram(e3Id);
        uint64 index = e.inputCount;
        bytes32 inputHash = keccak256(data);
        bytes32 root = keccak256(abi.encode(e.inputRoot, index, inputHash));
        e.inputRoot = root;
        e.inputCount = index + 1;
        emit InputPublished(e3Id, index, msg.sender, data, inputHash, root);
    }

    /// Output ciphertext of the program over exactly the accepted inputs (`inputRoot` must match).
    function publishCiphertextOutput(
        uint256 e3Id,
        bytes calldata ciphertext,
        bytes32 ciphertextCommitment,
        bytes32 inputRoot
    ) external {
        E3 storage e = _at(e3Id, Stage.KeyPublished);
        if (msg.sender != e.computeProvider) revert NotComputeProvider(msg.sender, e.computeProvider);
        if (block.timestamp <= e.schedule.inputEnd) revert InputWindowStillOpen(e3Id, e.schedule.inputEnd);
        if (block.timestamp > e.schedule.computeDeadline) revert DeadlinePassed(e3Id, e.schedule.computeDeadline);
        if (inputRoot != e.inputRoot) revert InputRootMismatch(e3Id, e.inputRoot, inputRoot);
        if (!_outputAllowed(e3Id, e.program)) revert ProgramRefusedOutput(e3Id);
        e.ciphertextCommitment = ciphertextCommitment;
        e.ciphertextHash = keccak256(ciphertext);
        e.stage = Stage.CiphertextReady;
        emit CiphertextOutputPublished(e3Id, ciphertext, ciphertextCommitment, inputRoot, e.inputCount);
    }

    /// T + 1 members in good standing reject the output ciphertext: the requester's compute
    /// provider is at fault (signatures sorted by signer address, EIP-712 RejectOutput).
    function rejectCiphertextOutput(uint256 e3Id, bytes[] calldata signatures) external {
        E3 storage e = _at(e3Id, Stage.CiphertextReady);
        if (block.timestamp > e.schedule.decryptionDeadline) revert DeadlinePassed(e3Id, e.schedule.decryptionDeadline);
        bytes32 digest = Signatures.typedDigest(
            Signatures.domainSeparator(address(this)),
            keccak256(abi.encode(REJECT_OUTPUT_TYPEHASH, e3Id, e.ciphertextHash))
        );
        address[] memory signers = Signatures.recoverSorted(digest, signatures);
        for (uint256 i = 0; i < signers.length; ++i) {
            if (_memberStatus[e3Id][signers[i]] != 1) revert NotCommitteeMember(e3Id, signers[i]);
        }
        uint256 needed = uint256(e.threshold) + 1;
        if (signers.length < needed) revert QuorumNotReached(e3Id, signers.length, needed);
        _fail(e3Id, e, FailureReason.OutputRejected);
    }

    /// Plaintext (P4), proved to be the decryption of the committed output ciphertext.
    function publishPlaintextOutput(uint256 e3Id, bytes calldata plaintext, bytes calldata proof) external {
        E3 storage e = _at(e3Id, Stage.CiphertextReady);
        if (block.timestamp > e.schedule.decryptionDeadline) revert DeadlinePassed(e3Id, e.schedule.decryptionDeadline);
        bool ok;
        try e.decryptionVerifier.verifyDecryption(e3Id, e.ciphertextCommitment, plaintext, proof) returns (bool r) {
            ok = r;
        } catch {}
        if (!ok) revert PlaintextRejected(e3Id);
        e.plaintextHash = keccak256(plaintext);
        e.stage = Stage.Complete;
        emit PlaintextOutputPublished(e3Id, plaintext);
        operators.releaseCommittee(_members[e3Id]);
        uint256 protocolPay = _payCommittee(e3Id, e, e.fee);
        emit E3Completed(e3Id, e.fee - protocolPay, protocolPay);
    }

    /// IProgramOutputGate, optional: a program without `outputAllowed` (the call fails or returns
    /// no word) is not gated; one that has it decides (apps/datapool: minimum contributors).
    function _outputAllowed(uint256 e3Id, IProgram program) private view returns (bool) {
        (bool ok, bytes memory ret) =
            address(program).staticcall(abi.encodeCall(IProgramOutputGate.outputAllowed, (e3Id)));
        if (!ok || ret.length != 32) return true;
        return abi.decode(ret, (bool));
    }

    // ------------------------------------------------------------------------------ views

    function getE3(uint256 e3Id) external view returns (E3 memory) {
        return _get(e3Id);
    }

    function committeeOf(uint256 e3Id) external view returns (address[] memory) {
        return _members[e3Id];
    }

    function memberStatus(uint256 e3Id, address node) external view returns (uint8) {
        return _memberStatus[e3Id][node];
    }

    function thresholdOf(uint256 e3Id) external view returns (uint16) {
        return _get(e3Id).threshold;
    }

    function domainSeparator() external view returns (bytes32) {
        return Signatures.domainSeparator(address(this));
    }

    function _pools_len(uint256 e3Id) internal view override returns (uint256) {
        return _pools[e3Id].nodes.length;
    }
}
