// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IUserEncryptionInputVerifier} from "../adapters/UserEncryptionInputAdapter.sol";
import {Signatures} from "../lib/Signatures.sol";

/// @title Stand-in with the user-encryption verifier's entry points, for adapter tests (never deployed by default)
/// @notice Accepts iff `proof` is the attester's EIP-191 signature over
/// keccak256(abi.encode(pkCommitment, digest, alpha, gamma, context)), digest = keccak256(ciphertext)
/// (calldata path) or keccak256(abi.encodePacked(blobHashes)) (blob path, with ctEval appended).
/// The context is computed like the real verifier's.
contract AttesterInputVerifier is IUserEncryptionInputVerifier {
    address public immutable attester;

    constructor(address attester_) {
        attester = attester_;
    }

    function inputContext(uint256 chainId, address orchestrator, uint256 e3Id, address submitter)
        external
        pure
        returns (uint256)
    {
        return uint256(keccak256(abi.encode(chainId, orchestrator, e3Id, submitter)));
    }

    function verifyInput(
        bytes32 pkCommitment,
        bytes calldata ciphertext,
        bytes calldata proof,
        uint256 alpha,
        uint256 gamma,
        uint256 context
    ) external view returns (bool) {
        return _attested(keccak256(abi.encode(pkCommitment, keccak256(ciphertext), alpha, gamma, context)), proof);
    }

    function verifyBlobInput(
        bytes32 pkCommitment,
        bytes32[] calldata blobHashes,
        uint256 ctEval,
        bytes calldata proof,
        uint256 alpha,
        uint256 gamma,
        uint256 context
    ) external view returns (bool) {
        bytes32 inner = keccak256(abi.encode(pkCommitment, keccak256(abi.encodePacked(blobHashes)), alpha, gamma, context, ctEval));
        return _attested(inner, proof);
    }

    function _attested(bytes32 inner, bytes calldata proof) private view returns (bool) {
        bytes32 digest = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", inner));
        return Signatures.recover(digest, proof) == attester;
    }
}
