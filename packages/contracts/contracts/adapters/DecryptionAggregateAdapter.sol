// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDecryptionVerifier, IHonkVerifier} from "../interfaces/IVerifiers.sol";
import {ICommitteeView} from "../interfaces/ICommitteeView.sol";
import {KeyShareAttestation} from "./KeyShareAttestation.sol";

/// @title Decryption adapter for the folded proof (spec 003 P4; issue 10; packages/circuits
/// noir/decryption_aggregate, docs/ZK.md "Aggregate proofs")
/// @notice Accepts `plaintext` for the ciphertext committed as `ciphertextCommitment` if ONE
/// UltraHonk proof verifies for
///   [e3Id, ciphertextCommitment, ids..., skCommitments(ids)..., esmCommitments(ids)..., words...]
/// — the fold verified, in circuit, the C6 proofs of the decrypting set `ids` (ascending, T + 1 of
/// them) for this E3 and ciphertext under their C4 commitments, and C7's interpolation and decoding
/// of those shares — and the key-share table the C4 commitments are read from is attested by
/// T + 1 members (KeyShareAttestation). Replaces T + 2 verifications (DecryptionProofAdapter) by one.
/// `plaintext` = abi.encode(bytes32[] words) (C7's packing); `proof` = abi.encode(Bundle).
contract DecryptionAggregateAdapter is IDecryptionVerifier, KeyShareAttestation {
    struct Bundle {
        uint256[] parties; // the key-share table: every party of the authorised set
        bytes32[] skCommitments;
        bytes32[] esmCommitments;
        bytes[] keySignatures;
        uint256[] ids; // the decrypting set, ascending (the fold checks the order)
        bytes foldProof;
    }

    IHonkVerifier public immutable verifier;
    /// T + 1: the decrypting-set size the fold behind `verifier` was generated for.
    uint256 public immutable shares;

    error InvalidConfig();

    constructor(IHonkVerifier verifier_, ICommitteeView committees_, uint256 shares_) KeyShareAttestation(committees_) {
        if (address(verifier_).code.length == 0 || address(committees_).code.length == 0 || shares_ < 2) {
            revert InvalidConfig();
        }
        verifier = verifier_;
        shares = shares_;
    }

    function verifyDecryption(uint256 e3Id, bytes32 ciphertextCommitment, bytes calldata plaintext, bytes calldata proof)
        external
        view
        returns (bool)
    {
        Bundle memory b = abi.decode(proof, (Bundle));
        uint256 s = shares;
        if (b.ids.length != s) return false;
        if (uint256(committees.thresholdOf(e3Id)) + 1 != s) return false;
        if (b.skCommitments.length != b.parties.length || b.esmCommitments.length != b.parties.length) return false;
        if (!_attested(e3Id, tableHash(b.parties, b.skCommitments, b.esmCommitments), b.keySignatures)) return false;

        bytes32[] memory words = abi.decode(plaintext, (bytes32[]));
        bytes32[] memory pi = new bytes32[](2 + 3 * s + words.length);
        pi[0] = bytes32(e3Id);
        pi[1] = ciphertextCommitment;
        for (uint256 i = 0; i < s; ++i) {
            (bool found, uint256 k) = _find(b.parties, b.ids[i]);
            if (!found) return false;
            pi[2 + i] = bytes32(b.ids[i]);
            pi[2 + s + i] = b.skCommitments[k];
            pi[2 + 2 * s + i] = b.esmCommitments[k];
        }
        for (uint256 i = 0; i < words.length; ++i) {
            pi[2 + 3 * s + i] = words[i];
        }
        return verifier.verify(b.foldProof, pi);
    }
}
