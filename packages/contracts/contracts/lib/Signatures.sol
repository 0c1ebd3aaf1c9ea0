// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice ECDSA (secp256k1) recovery with the checks ecrecover lacks, and EIP-712 digests.
library Signatures {
    error BadSignatureLength(uint256 length);
    error MalleableSignature();
    error BadSignatureV(uint8 v);
    error InvalidSignature();
    error SignersNotSorted(address previous, address next);

    /// secp256k1 n / 2: signatures with a higher s are the malleable twin of a low-s one (EIP-2).
    uint256 private constant HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// The EIP-712 domain of one Interfold contract: name "Interfold", version "1".
    function domainSeparator(address verifyingContract) internal view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Interfold"), keccak256("1"), block.chainid, verifyingContract)
        );
    }

    function typedDigest(bytes32 domain, bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    /// Recovers the signer of a 65-byte (r, s, v) signature; reverts on any malformed signature.
    function recover(bytes32 digest, bytes memory sig) internal pure returns (address signer) {
        if (sig.length != 65) revert BadSignatureLength(sig.length);
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        if (uint256(s) > HALF_N) revert MalleableSignature();
        if (v != 27 && v != 28) revert BadSignatureV(v);
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature();
    }

    /// Recovers every signer and requires them strictly ascending, so no signer counts twice.
    function recoverSorted(bytes32 digest, bytes[] memory sigs) internal pure returns (address[] memory signers) {
        signers = new address[](sigs.length);
        address previous = address(0);
        for (uint256 i = 0; i < sigs.length; ++i) {
            address s = recover(digest, sigs[i]);
            if (s <= previous) revert SignersNotSorted(previous, s);
            signers[i] = s;
            previous = s;
        }
    }
}
