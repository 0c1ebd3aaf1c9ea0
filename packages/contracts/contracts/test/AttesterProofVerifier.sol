// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IHonkVerifier} from "../interfaces/IVerifiers.sol";
import {Signatures} from "../lib/Signatures.sol";

/// @title Stand-in for a bb UltraHonk verifier, with the same entry point, for slashing tests
/// @notice A "proof" is a 65-byte ECDSA signature by `attester` over
/// keccak256(abi.encode(publicInputs)) with the EIP-191 prefix. Like bb verifiers it returns false
/// for a wrong proof and reverts on a malformed one (wrong length), so both paths are exercised.
contract AttesterProofVerifier is IHonkVerifier {
    address public immutable attester;

    constructor(address attester_) {
        attester = attester_;
    }

    function verify(bytes calldata proof, bytes32[] calldata publicInputs) external view returns (bool) {
        bytes32 digest = keccak256(
            abi.encodePacked("\x19Ethereum Signed Message:\n32", keccak256(abi.encode(publicInputs)))
        );
        return Signatures.recover(digest, proof) == attester;
    }
}
