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
/// and the declared `submitter` must be the account that called publishInput (the orchestrator
/// passes its msg.sender; spec 003 P3). A contract wallet or relayer is itself the submitter: the
/// user proves for its address, and a relayer that serves many users must authenticate them
/// itself. tx.origin is not used (it breaks contract wallets and relayers, and is phishable).
/// A ciphertext + proof copied from the mempool or an event into another account's call (EOA or
/// contract, naming the original submitter or itself), or into another E3, is rejected. Everything is checked on chain (the ciphertext is in calldata):
/// practical for the INSECURE sets; production inputs use the blob adapter below.
contract UserEncryptionInputAdapter is IInputVerifier {
    IUserEncryptionInputVerifier public immutable target;

    constructor(IUserEncryptionInputVerifier target_) {
        target = target_;
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, address sender, bytes calldata data)
        external
        view
        returns (bool)
    {
        (bytes memory ciphertext, bytes memory proof, uint256 alpha, uint256 gamma, address submitter) =
            abi.decode(data, (bytes, bytes, uint256, uint256, address));
        if (submitter != sender) return false;
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
/// trust assumptions). One blob input per transaction. The submitter rule is the calldata one's.
contract UserEncryptionBlobInputAdapter is IInputVerifier {
    IUserEncryptionInputVerifier public immutable target;

    constructor(IUserEncryptionInputVerifier target_) {
        target = target_;
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, address sender, bytes calldata data)
        external
        view
        returns (bool)
    {
        // Two steps (submitter, then proof) keep the stack under the legacy pipeline's 16 slots.
        (,,,,, address submitter) = abi.decode(data, (bytes32[], uint256, bytes, uint256, uint256, address));
        if (submitter != sender) return false;
        return _verify(pkCommitment, target.inputContext(block.chainid, msg.sender, e3Id, submitter), data);
    }

    function _verify(bytes32 pkCommitment, uint256 context, bytes calldata data) private view returns (bool) {
        (bytes32[] memory blobHashes, uint256 ctEval, bytes memory proof, uint256 alpha, uint256 gamma,) =
            abi.decode(data, (bytes32[], uint256, bytes, uint256, uint256, address));
        for (uint256 i = 0; i < blobHashes.length; i++) {
            if (blobhash(i) != blobHashes[i]) return false;
        }
        if (blobhash(blobHashes.length) != bytes32(0)) return false; // no unaccounted blobs
        uint256 ctx = context; // copied to the top of the stack, within DUP16 reach for the call
        return target.verifyBlobInput(pkCommitment, blobHashes, ctEval, proof, alpha, gamma, ctx);
    }
}
