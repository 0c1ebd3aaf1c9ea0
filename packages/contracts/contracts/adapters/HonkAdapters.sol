// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPkVerifier, IInputVerifier, IDecryptionVerifier, IHonkVerifier} from "../interfaces/IVerifiers.sol";

/// @title Adapters from the orchestrator's verifier interfaces to bb UltraHonk verifiers
/// @notice Each adapter maps the E3's on-chain data to the circuit's bytes32[] public inputs and
/// calls `verify(proof, publicInputs)`; a revert of the verifier (malformed proof) propagates and
/// the orchestrator counts it as a rejection. Public-input layouts (each entry a BN254 field
/// element; the circuits must expose exactly these, in this order):
///   public key (C5):   [e3Id, pkCommitment]
///   input (GRECO):     [e3Id, pkCommitment, ciphertextCommitment]
///   decryption (C7):   [e3Id, ciphertextCommitment, plaintext words...]
/// Binding the posted bytes to a Poseidon2 commitment is not done on chain (hashing an 8192-
/// coefficient polynomial in the EVM is far too costly): nodes and submitters recompute the
/// commitment of the bytes they read from the event, and refuse (or accuse) on a mismatch.

/// Public key: `proof` is the raw UltraHonk proof.
contract HonkPkVerifierAdapter is IPkVerifier {
    IHonkVerifier public immutable verifier;

    constructor(IHonkVerifier verifier_) {
        verifier = verifier_;
    }

    function verifyPublicKey(uint256 e3Id, bytes32 pkCommitment, bytes calldata, bytes calldata proof)
        external
        view
        returns (bool)
    {
        bytes32[] memory pi = new bytes32[](2);
        pi[0] = bytes32(e3Id);
        pi[1] = pkCommitment;
        return verifier.verify(proof, pi);
    }
}

/// Input: `data` = abi.encode(bytes ciphertext, bytes32 ciphertextCommitment, bytes proof).
/// Generic layout with no submitter binding (a circuit behind it that needs one uses the
/// user-encryption adapters' context instead).
contract HonkInputVerifierAdapter is IInputVerifier {
    IHonkVerifier public immutable verifier;

    constructor(IHonkVerifier verifier_) {
        verifier = verifier_;
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, address, bytes calldata data)
        external
        view
        returns (bool)
    {
        (, bytes32 ctCommitment, bytes memory proof) = abi.decode(data, (bytes, bytes32, bytes));
        bytes32[] memory pi = new bytes32[](3);
        pi[0] = bytes32(e3Id);
        pi[1] = pkCommitment;
        pi[2] = ctCommitment;
        return verifier.verify(proof, pi);
    }
}

/// Decryption: `plaintext` = abi.encode(bytes32[] words) (the decoded plaintext as field elements).
contract HonkDecryptionVerifierAdapter is IDecryptionVerifier {
    IHonkVerifier public immutable verifier;

    constructor(IHonkVerifier verifier_) {
        verifier = verifier_;
    }

    function verifyDecryption(uint256 e3Id, bytes32 ciphertextCommitment, bytes calldata plaintext, bytes calldata proof)
        external
        view
        returns (bool)
    {
        bytes32[] memory words = abi.decode(plaintext, (bytes32[]));
        bytes32[] memory pi = new bytes32[](2 + words.length);
        pi[0] = bytes32(e3Id);
        pi[1] = ciphertextCommitment;
        for (uint256 i = 0; i < words.length; ++i) {
            pi[2 + i] = words[i];
        }
        return verifier.verify(proof, pi);
    }
}
