// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IUserEncryptionInputVerifier} from "../adapters/UserEncryptionInputAdapter.sol";
import {Signatures} from "../lib/Signatures.sol";

/// @title Stand-in with the user-encryption verifier's entry point, for adapter tests
/// @notice Accepts iff `proof` is the attester's EIP-191 signature over
/// keccak256(abi.encode(pkCommitment, keccak256(ciphertext), alpha, gamma)).
contract AttesterInputVerifier is IUserEncryptionInputVerifier {
    address public immutable attester;

    constructor(address attester_) {
        attester = attester_;
    }

    function verifyInput(bytes32 pkCommitment, bytes calldata ciphertext, bytes calldata proof, uint256 alpha, uint256 gamma)
        external
        view
        returns (bool)
    {
        bytes32 inner = keccak256(abi.encode(pkCommitment, keccak256(ciphertext), alpha, gamma));
        bytes32 digest = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", inner));
        return Signatures.recover(digest, proof) == attester;
    }
}
