// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPkVerifier, IInputVerifier, IDecryptionVerifier} from "./interfaces/IVerifiers.sol";
import {ICommitteeView} from "./interfaces/ICommitteeView.sol";
import {Signatures} from "./lib/Signatures.sol";

/// @title Committee-quorum verifier: the stand-in until the UltraHonk verifiers exist
/// @notice Accepts a publication only if T + 1 members of the E3's committee in good standing
/// signed the EIP-712 Attestation(e3Id, kind, dataHash) over exactly the published data. It checks
/// something real (at least one honest member vouches, under the protocol's T-of-n assumption)
/// but proves nothing about the computation: deployments that need soundness against a
/// dishonest majority approve bb-generated verifiers (behind adapters) instead.
/// `proof` is abi.encode(bytes[] signatures), signatures sorted by signer address.
/// Inputs are abi.encode(bytes ciphertext, bytes proof).
contract CommitteeQuorumVerifier is IPkVerifier, IInputVerifier, IDecryptionVerifier {
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256("Attestation(uint256 e3Id,uint8 kind,bytes32 dataHash)");
    uint8 public constant KIND_PUBLIC_KEY = 1;
    uint8 public constant KIND_INPUT = 2;
    uint8 public constant KIND_DECRYPTION = 3;

    ICommitteeView public immutable committees;

    constructor(ICommitteeView committees_) {
        committees = committees_;
    }

    function verifyPublicKey(uint256 e3Id, bytes32 pkCommitment, bytes calldata publicKey, bytes calldata proof)
        external
        view
        returns (bool)
    {
        return _quorum(e3Id, KIND_PUBLIC_KEY, keccak256(abi.encode(pkCommitment, keccak256(publicKey))), proof);
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, address, bytes calldata data) external view returns (bool) {
        (bytes memory ciphertext, bytes memory proof) = abi.decode(data, (bytes, bytes));
        return _quorum(e3Id, KIND_INPUT, keccak256(abi.encode(pkCommitment, keccak256(ciphertext))), proof);
    }

    function verifyDecryption(
        uint256 e3Id,
        bytes32 ciphertextCommitment,
        bytes calldata plaintext,
        bytes calldata proof
    ) external view returns (bool) {
        return _quorum(e3Id, KIND_DECRYPTION, keccak256(abi.encode(ciphertextCommitment, keccak256(plaintext))), proof);
    }

    function attestationDigest(uint256 e3Id, uint8 kind, bytes32 dataHash) public view returns (bytes32) {
        return Signatures.typedDigest(
            Signatures.domainSeparator(address(this)), keccak256(abi.encode(ATTESTATION_TYPEHASH, e3Id, kind, dataHash))
        );
    }

    function _quorum(uint256 e3Id, uint8 kind, bytes32 dataHash, bytes memory proof) private view returns (bool) {
        bytes[] memory sigs = abi.decode(proof, (bytes[]));
        address[] memory signers = Signatures.recoverSorted(attestationDigest(e3Id, kind, dataHash), sigs);
        for (uint256 i = 0; i < signers.length; ++i) {
            if (committees.memberStatus(e3Id, signers[i]) != 1) return false;
        }
        return signers.length >= uint256(committees.thresholdOf(e3Id)) + 1;
    }
}
