// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInputVerifier} from "../interfaces/IVerifiers.sol";

/// The entry point of packages/circuits' generated UserEncryptionInputVerifier (one per
/// parameter set): it derives the proof's public inputs from the ciphertext bytes on chain.
interface IUserEncryptionInputVerifier {
    function verifyInput(bytes32 pkCommitment, bytes calldata ciphertext, bytes calldata proof, uint256 alpha, uint256 gamma)
        external
        view
        returns (bool);
}

/// @title Input verifier adapter for the circuits package's user-encryption verifier
/// @notice `data` = abi.encode(bytes ciphertext, bytes proof, uint256 alpha, uint256 gamma).
/// The input is bound to the E3 through pkCommitment (each E3 has its own committee key).
contract UserEncryptionInputAdapter is IInputVerifier {
    IUserEncryptionInputVerifier public immutable target;

    constructor(IUserEncryptionInputVerifier target_) {
        target = target_;
    }

    function verifyInput(uint256, bytes32 pkCommitment, bytes calldata data) external view returns (bool) {
        (bytes memory ciphertext, bytes memory proof, uint256 alpha, uint256 gamma) =
            abi.decode(data, (bytes, bytes, uint256, uint256));
        return target.verifyInput(pkCommitment, ciphertext, proof, alpha, gamma);
    }
}
