// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInputVerifier, IHonkVerifier} from "../interfaces/IVerifiers.sol";

/// @notice The public-input builder of one parameter set: packages/circuits' generated
/// UserEncryptionInputVerifier (pure functions; its own Honk verifier is not used here).
interface IUserEncryptionPublicInputs {
    function inputContext(uint256 chainId, address orchestrator, uint256 e3Id, address submitter)
        external
        pure
        returns (uint256);

    function publicInputs(bytes32 pkCommitment, bytes calldata ciphertext, uint256 alpha, uint256 gamma, uint256 context)
        external
        pure
        returns (bytes32[] memory);
}

/// @notice A program's request-time public inputs (SYSTEM.md §6), appended after the six
/// user-encryption ones: e.g. the ballot's [voter, allowlist root]. `configured` is false while
/// the E3 takes no input (the requester has not fixed the program's parameters).
interface IProgramPublicInputs {
    function programPublicInputs(uint256 e3Id, address submitter)
        external
        view
        returns (bool configured, bytes32[] memory values);
}

/// @title Input adapter for a program's own input circuit (docs/ZK.md "Program validity proofs")
/// @notice One circuit proves the user-encryption statement AND the program's validity statement
/// on the same witness (noir/ballot_validity, noir/datapool_validity); its Honk verifier is
/// `verifier`. Public inputs: [pkCommitment, digest, alpha, gamma, ctEval, context] rebuilt here
/// from the ciphertext in calldata (by `encryption`), then the program's values read from the
/// program contract for this E3 and submitter. The circuit's constants (options, allowlist depth,
/// fields, count bound) are compiled in, so the verification key pins them.
/// `data` = abi.encode(bytes ciphertext, bytes proof, uint256 alpha, uint256 gamma, address submitter)
/// (UserEncryptionInputAdapter's calldata layout: nodes and the SDK read it the same way). The
/// proof is bound to context = inputContext(chainId, orchestrator, e3Id, submitter), and the
/// declared submitter must be the account that called publishInput (the orchestrator passes it):
/// an input copied into another account's call, or into another E3, is refused.
/// The orchestrator reports every refusal as InputRejected(e3Id); `inputStatus` says why (the SDK
/// and the CLI call it to explain a refusal). Not eligible, out of range, not one-hot, or made
/// for another ciphertext all surface as ProofRejected: the circuit proves them in zero knowledge.
contract ProgramInputAdapter is IInputVerifier {
    enum InputStatus {
        Accepted,
        NotConfigured, // the program takes no input for this E3 (not requested with it, or not configured)
        SubmitterMismatch, // the declared submitter is not the account submitting (a copied input)
        MalformedInput, // not the ABI layout, or the ciphertext is not canonical (length, residues)
        ProofRejected // the proof does not hold for this ciphertext, key, context and program values
    }

    address public immutable orchestrator;
    IUserEncryptionPublicInputs public immutable encryption;
    IHonkVerifier public immutable verifier;
    IProgramPublicInputs public immutable program;

    constructor(address orchestrator_, IUserEncryptionPublicInputs encryption_, IHonkVerifier verifier_, IProgramPublicInputs program_) {
        orchestrator = orchestrator_;
        encryption = encryption_;
        verifier = verifier_;
        program = program_;
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, address submitter, bytes calldata data)
        external
        view
        returns (bool)
    {
        return inputStatus(e3Id, pkCommitment, submitter, data) == InputStatus.Accepted;
    }

    struct Input {
        bytes ciphertext;
        bytes proof;
        uint256 alpha;
        uint256 gamma;
        address submitter;
    }

    /// @dev Self-call target so a malformed `data` is a status, not a revert.
    function decodeInput(bytes calldata data) external pure returns (Input memory x) {
        (x.ciphertext, x.proof, x.alpha, x.gamma, x.submitter) = abi.decode(data, (bytes, bytes, uint256, uint256, address));
    }

    /// @notice Why an input would be refused (Accepted if it would not). `submitter` is the
    /// account that calls (or will call) publishInput.
    function inputStatus(uint256 e3Id, bytes32 pkCommitment, address submitter, bytes calldata data)
        public
        view
        returns (InputStatus)
    {
        (bool configured, bytes32[] memory values) = program.programPublicInputs(e3Id, submitter);
        if (!configured) return InputStatus.NotConfigured;
        Input memory x;
        try this.decodeInput(data) returns (Input memory decoded) {
            x = decoded;
        } catch {
            return InputStatus.MalformedInput;
        }
        if (x.submitter != submitter) return InputStatus.SubmitterMismatch;
        (bool ok, bytes32[] memory pis) = _publicInputs(e3Id, pkCommitment, x, values);
        if (!ok) return InputStatus.MalformedInput;
        try verifier.verify(x.proof, pis) returns (bool valid) {
            return valid ? InputStatus.Accepted : InputStatus.ProofRejected;
        } catch {
            return InputStatus.ProofRejected;
        }
    }

    /// The six user-encryption public inputs for this ciphertext, then the program's values.
    function _publicInputs(uint256 e3Id, bytes32 pkCommitment, Input memory x, bytes32[] memory values)
        internal
        view
        returns (bool ok, bytes32[] memory all)
    {
        uint256 context = encryption.inputContext(block.chainid, orchestrator, e3Id, x.submitter);
        bytes32[] memory base;
        try encryption.publicInputs(pkCommitment, x.ciphertext, x.alpha, x.gamma, context) returns (bytes32[] memory pis) {
            base = pis;
        } catch {
            return (false, all);
        }
        all = new bytes32[](base.length + values.length);
        for (uint256 i = 0; i < base.length; i++) {
            all[i] = base[i];
        }
        for (uint256 i = 0; i < values.length; i++) {
            all[base.length + i] = values[i];
        }
        return (true, all);
    }
}
