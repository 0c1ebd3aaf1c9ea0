// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICommitteeView} from "../interfaces/ICommitteeView.sol";
import {Signatures} from "../lib/Signatures.sol";

/// @title The key-share table anchor of the decryption verifiers (docs/VERIFIABILITY.md)
/// @notice The table party -> (C4 sk-share commitment, C4 smudging-share commitment) over the
/// authorised set, attested by T + 1 committee members in good standing with EIP-712
/// KeyShares(e3Id, tableHash) signatures sorted by signer (the format DecryptionProofAdapter uses;
/// `signKeyShares` in src/decryptionProofs.ts signs it). Each member checked the C4 proofs off
/// chain; this attestation is the one trusted step until the DKG fold publishes the table on chain.
abstract contract KeyShareAttestation {
    bytes32 public constant KEY_SHARES_TYPEHASH = keccak256("KeyShares(uint256 e3Id,bytes32 tableHash)");

    ICommitteeView public immutable committees;

    constructor(ICommitteeView committees_) {
        committees = committees_;
    }

    /// keccak256(abi.encode(parties, skCommitments, esmCommitments)): what members attest.
    function tableHash(uint256[] memory parties, bytes32[] memory sk, bytes32[] memory esm) public pure returns (bytes32) {
        return keccak256(abi.encode(parties, sk, esm));
    }

    function keySharesDigest(uint256 e3Id, bytes32 table) public view returns (bytes32) {
        return Signatures.typedDigest(
            Signatures.domainSeparator(address(this)), keccak256(abi.encode(KEY_SHARES_TYPEHASH, e3Id, table))
        );
    }

    function _attested(uint256 e3Id, bytes32 table, bytes[] memory sigs) internal view returns (bool) {
        address[] memory signers = Signatures.recoverSorted(keySharesDigest(e3Id, table), sigs);
        for (uint256 i = 0; i < signers.length; ++i) {
            if (committees.memberStatus(e3Id, signers[i]) != 1) return false;
        }
        return signers.length >= uint256(committees.thresholdOf(e3Id)) + 1;
    }

    function _find(uint256[] memory parties, uint256 id) internal pure returns (bool, uint256) {
        for (uint256 k = 0; k < parties.length; ++k) {
            if (parties[k] == id) return (true, k);
        }
        return (false, 0);
    }
}
