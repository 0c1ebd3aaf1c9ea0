// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPkVerifier, IHonkVerifier} from "../interfaces/IVerifiers.sol";
import {ICommitteeView} from "../interfaces/ICommitteeView.sol";
import {Signatures} from "../lib/Signatures.sol";

/// @title Public-key adapter for the key fold (spec 003 P2; issue 9; packages/circuits
/// noir/dkg_pk_aggregate, docs/ZK.md "The key fold")
/// @notice Accepts `pkCommitment` if ONE UltraHonk proof verifies for
///   [session, crpCommitment, ids..., pkShareCommitments..., pkCommitment]
/// — the fold verified, in circuit, the C1 proof of every member of A = ids (ascending) for this
/// session and common polynomial, and C5's sum of those pk shares — and every pk-share commitment
/// is signed by its own member, in good standing: EIP-712 PkShare(e3Id, party, session,
/// pkShareCommitment) by committeeOf(e3Id)[party - 1]. The signatures bind the session and the
/// shares to this E3 (the session id is a SHA3 the EVM does not recompute); the proof binds the key
/// to the shares. No quorum of signers can publish a key that is not the sum of proved shares of
/// |A| >= T + 1 members, and no member's share can be replaced without its signature.
/// What the fold does not prove (C2, C4: the sharing of each sk and smudging secret) every member
/// checks off chain before it signs (docs/ZK.md).
/// `proof` = abi.encode(Bundle). The posted `publicKey` bytes are not hashed here (an 8192-
/// coefficient Poseidon2 commitment is far too costly in the EVM): readers recompute pkCommitment.
contract PkAggregateAdapter is IPkVerifier {
    bytes32 public constant PK_SHARE_TYPEHASH =
        keccak256("PkShare(uint256 e3Id,uint256 party,bytes32 session,bytes32 pkShareCommitment)");

    struct Bundle {
        bytes32 session;
        bytes32 crpCommitment;
        uint256[] ids; // A, ascending
        bytes32[] pkShareCommitments;
        bytes[] shareSignatures; // one per member of A, in the order of ids
        bytes foldProof;
    }

    ICommitteeView public immutable committees;
    /// The fold's verifier for each |A| it was generated for (a fold circuit is fixed per |A|).
    mapping(uint256 => IHonkVerifier) public verifierFor;

    error InvalidConfig();

    constructor(ICommitteeView committees_, uint256[] memory sizes, IHonkVerifier[] memory verifiers) {
        if (address(committees_).code.length == 0 || sizes.length == 0 || sizes.length != verifiers.length) {
            revert InvalidConfig();
        }
        committees = committees_;
        for (uint256 i = 0; i < sizes.length; ++i) {
            if (sizes[i] < 2 || address(verifiers[i]).code.length == 0) revert InvalidConfig();
            verifierFor[sizes[i]] = verifiers[i];
        }
    }

    function pkShareDigest(uint256 e3Id, uint256 party, bytes32 session, bytes32 pkShareCommitment)
        public
        view
        returns (bytes32)
    {
        return Signatures.typedDigest(
            Signatures.domainSeparator(address(this)),
            keccak256(abi.encode(PK_SHARE_TYPEHASH, e3Id, party, session, pkShareCommitment))
        );
    }

    function verifyPublicKey(uint256 e3Id, bytes32 pkCommitment, bytes calldata, bytes calldata proof)
        external
        view
        returns (bool)
    {
        Bundle memory b = abi.decode(proof, (Bundle));
        uint256 d = b.ids.length;
        IHonkVerifier verifier = verifierFor[d];
        if (address(verifier) == address(0)) return false;
        if (d < uint256(committees.thresholdOf(e3Id)) + 1) return false;
        if (b.pkShareCommitments.length != d || b.shareSignatures.length != d) return false;
        if (!_signedByMembers(e3Id, b)) return false;

        bytes32[] memory pi = new bytes32[](3 + 2 * d);
        pi[0] = b.session;
        pi[1] = b.crpCommitment;
        for (uint256 i = 0; i < d; ++i) {
            pi[2 + i] = bytes32(b.ids[i]);
            pi[2 + d + i] = b.pkShareCommitments[i];
        }
        pi[2 + 2 * d] = pkCommitment;
        return verifier.verify(b.foldProof, pi);
    }

    /// ids strictly ascending, each a committee index (1-based) whose member, in good standing,
    /// signed its pk-share commitment for this E3 and session.
    function _signedByMembers(uint256 e3Id, Bundle memory b) private view returns (bool) {
        address[] memory committee = committees.committeeOf(e3Id);
        uint256 last = 0;
        for (uint256 i = 0; i < b.ids.length; ++i) {
            uint256 id = b.ids[i];
            if (id <= last || id > committee.length) return false;
            last = id;
            address member = committee[id - 1];
            bytes32 digest = pkShareDigest(e3Id, id, b.session, b.pkShareCommitments[i]);
            if (Signatures.recover(digest, b.shareSignatures[i]) != member) return false;
            if (committees.memberStatus(e3Id, member) != 1) return false;
        }
        return true;
    }
}
