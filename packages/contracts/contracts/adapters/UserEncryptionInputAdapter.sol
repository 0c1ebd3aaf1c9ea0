// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInputVerifier} from "../interfaces/IVerifiers.sol";

/// The entry points of packages/circuits' generated UserEncryptionInputVerifier (one per parameter
/// set): it derives the proof's public inputs [pkCommitment, digest, alpha, gamma, ctEval, context]
/// from what it is given (docs/INPUTS.md).
interface IUserEncryptionInputVerifier {
    function inputContext(uint256 chainId, address orchestrator, uint256 e3Id, address submitter)
        external
        pure
        returns (uint256);

    function verifyInput(
        bytes32 pkCommitment,
        bytes calldata ciphertext,
        bytes calldata proof,
        uint256 alpha,
        uint256 gamma,
        uint256 context
    ) external view returns (bool);

    function verifyBlobInput(
        bytes32 pkCommitment,
        bytes32[] calldata blobHashes,
        uint256 ctEval,
        bytes calldata proof,
        uint256 alpha,
        uint256 gamma,
        uint256 context
    ) external view returns (bool);
}

/// @title Input adapter: user-encryption proof, ciphertext in calldata
/// @notice `data` = abi.encode(bytes ciphertext, bytes proof, uint256 alpha, uint256 gamma, address submitter)
/// (ciphertext first, as every input layout: nodes read it without knowing the verifier).
/// The proof is bound to context = inputContext(chainId, orchestrator (the caller), e3Id, submitter),
/// and `submitter` must be the transaction's signer (tx.origin): IInputVerifier does not pass the
/// orchestrator's msg.sender, and tx.origin is the one submitter identity a copier cannot assume.
/// A ciphertext + proof copied from the mempool or an event into another address's transaction,
/// or into another E3, is rejected. Everything is checked on chain (the ciphertext is in calldata):
/// practical for the INSECURE sets; production inputs use the blob adapter below.
contract UserEncryptionInputAdapter is IInputVerifier {
    IUserEncryptionInputVerifier public immutable target;

    constructor(IUserEncryptionInputVerifier target_) {
        target = target_;
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, bytes calldata data) external view returns (bool) {
        (bytes memory ciphertext, bytes memory proof, uint256 alpha, uint256 gamma, address submitter) =
            abi.decode(data, (bytes, bytes, uint256, uint256, address));
        if (submitter != tx.origin) return false;
        uint256 context = target.inputContext(block.chainid, msg.sender, e3Id, submitter);
        return target.verifyInput(pkCommitment, ciphertext, proof, alpha, gamma, context);
    }
}

/// @title Input adapter: user-encryption proof, ciphertext in EIP-4844 blobs
/// @notice `data` = abi.encode(bytes32[] blobHashes, uint256 ctEval, bytes proof, uint256 alpha,
/// uint256 gamma, address submitter). The ciphertext travels in this transaction's blobs 0..k-1
/// (blobhash(i) must equal blobHashes[i]); the proof is bound to keccak256(blobHashes) and to the
/// context as above. The chain cannot read blob contents, so it checks the proof against the
/// submitter's claimed evaluation ctEval; every node fetches the blobs, checks them against the
/// versioned hashes (KZG) and rechecks ctEval before counting the input (docs/INPUTS.md: cost,
/// trust assumptions). One blob input per transaction.
contract UserEncryptionBlobInputAdapter is IInputVerifier {
    IUserEncryptionInputVerifier public immutable target;

    constructor(IUserEncryptionInputVerifier target_) {
        target = target_;
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, bytes calldata data) external view returns (bool) {
        (bytes32[] memory blobHashes, uint256 ctEval, bytes memory proof, uint256 alpha, uint256 gamma, address submitter) =
            abi.decode(data, (bytes32[], uint256, bytes, uint256, uint256, address));
        if (submitter != tx.origin) return false;
        for (uint256 i = 0; i < blobHashes.length; i++) {
            if (blobhash(i) != blobHashes[i]) return false;
        }
        if (blobhash(blobHashes.length) != bytes32(0)) return false; // no unaccounted blobs
        uint256 context = target.inputContext(block.chainid, msg.sender, e3Id, submitter);
        return target.verifyBlobInput(pkCommitment, blobHashes, ctEval, proof, alpha, gamma, context);
    }
}
