// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDecryptionVerifier, IHonkVerifier} from "../interfaces/IVerifiers.sol";
import {ICommitteeView} from "../interfaces/ICommitteeView.sol";
import {KeyShareAttestation} from "./KeyShareAttestation.sol";

/// @title Decryption adapter: T + 1 C6 proofs and one C7 proof (spec 003 P4; docs/ZK.md
/// "Decryption proofs", docs/VERIFIABILITY.md)
/// @notice Accepts `plaintext` for the ciphertext committed as `ciphertextCommitment` only if
///  - the C7 proof verifies for [ids..., dCommitments..., plaintext words...] (the plaintext is the
///    BFV decoding of the Lagrange interpolation at 0 of the shares committed as dCommitments, for
///    the decrypting set ids, ascending, computed in the circuit);
///  - for each i, the C6 proof verifies for [ciphertextCommitment, sk_i, esm_i, e3Id, ids[i],
///    dCommitments[i]]: the share is c0 + c1*s + esm for this ciphertext, with the C4 key share and
///    smudging share commitments (sk_i, esm_i) of party ids[i], for this E3;
///  - the key-share table (party -> C4 commitments) is attested by T + 1 committee members in good
///    standing (EIP-712 KeyShares(e3Id, tableHash), signatures sorted by signer). This anchor is the
///    one trusted step: each member checked the C4 proofs off chain; the chain does not verify C4.
/// No recursion: each proof is verified by its own UltraHonk verifier, (T + 2) verifications.
/// `plaintext` = abi.encode(bytes32[] words): C7's packed plaintext (floor(253 / bitlen(t-1))
/// coefficients per word). `proof` = abi.encode(Bundle).
contract DecryptionProofAdapter is IDecryptionVerifier, KeyShareAttestation {
    struct Bundle {
        uint256[] parties; // the key-share table: every party of the authorised set
        bytes32[] skCommitments;
        bytes32[] esmCommitments;
        bytes[] keySignatures;
        uint256[] ids; // the decrypting set, ascending (C7 checks the order)
        bytes32[] dCommitments;
        bytes[] shareProofs;
        bytes decodeProof;
    }

    IHonkVerifier public immutable shareVerifier;
    IHonkVerifier public immutable decodeVerifier;
    /// T + 1: the decrypting-set size the C7 circuit behind decodeVerifier was generated for.
    uint256 public immutable shares;

    error InvalidConfig();

    constructor(IHonkVerifier shareVerifier_, IHonkVerifier decodeVerifier_, ICommitteeView committees_, uint256 shares_)
        KeyShareAttestation(committees_)
    {
        if (
            address(shareVerifier_).code.length == 0 || address(decodeVerifier_).code.length == 0
                || address(committees_).code.length == 0 || shares_ < 2
        ) revert InvalidConfig();
        shareVerifier = shareVerifier_;
        decodeVerifier = decodeVerifier_;
        shares = shares_;
    }

    function verifyDecryption(uint256 e3Id, bytes32 ciphertextCommitment, bytes calldata plaintext, bytes calldata proof)
        external
        view
        returns (bool)
    {
        Bundle memory b = abi.decode(proof, (Bundle));
        uint256 s = shares;
        if (b.ids.length != s || b.dCommitments.length != s || b.shareProofs.length != s) return false;
        if (uint256(committees.thresholdOf(e3Id)) + 1 != s) return false;
        if (b.skCommitments.length != b.parties.length || b.esmCommitments.length != b.parties.length) return false;
        if (!_attested(e3Id, tableHash(b.parties, b.skCommitments, b.esmCommitments), b.keySignatures)) return false;

        bytes32[] memory words = abi.decode(plaintext, (bytes32[]));
        bytes32[] memory pi = new bytes32[](2 * s + words.length);
        for (uint256 i = 0; i < s; ++i) {
            pi[i] = bytes32(b.ids[i]);
            pi[s + i] = b.dCommitments[i];
        }
        for (uint256 i = 0; i < words.length; ++i) {
            pi[2 * s + i] = words[i];
        }
        if (!decodeVerifier.verify(b.decodeProof, pi)) return false;

        bytes32[] memory spi = new bytes32[](6);
        spi[0] = ciphertextCommitment;
        spi[3] = bytes32(e3Id);
        for (uint256 i = 0; i < s; ++i) {
            (bool found, uint256 k) = _find(b.parties, b.ids[i]);
            if (!found) return false;
            spi[1] = b.skCommitments[k];
            spi[2] = b.esmCommitments[k];
            spi[4] = bytes32(b.ids[i]);
            spi[5] = b.dCommitments[i];
            if (!shareVerifier.verify(b.shareProofs[i], spi)) return false;
        }
        return true;
    }
}
