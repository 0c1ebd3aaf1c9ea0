// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Checks the committee public key publication (SYSTEM.md §3 step 3, circuit C5 plus the
/// chain of P1 commitments). A bb-generated UltraHonk verifier plugs in through a thin adapter
/// that maps (e3Id, pkCommitment, publicKey) to its bytes32[] public inputs.
/// A verifier may revert on malformed proofs; the orchestrator treats a revert as a rejection.
interface IPkVerifier {
    function verifyPublicKey(uint256 e3Id, bytes32 pkCommitment, bytes calldata publicKey, bytes calldata proof)
        external
        view
        returns (bool);
}

/// @notice Checks one encrypted input (SYSTEM.md §3 step 4: correct encryption under the committed
/// key). `submitter` is the orchestrator's msg.sender for publishInput (the account that submits:
/// an EOA, a contract wallet or a relayer), never tx.origin, which a contract wallet or relayer
/// breaks and a phishing contract can borrow. `data` is the whole submitted input; its layout is
/// the verifier's (e.g. ciphertext + proof).
interface IInputVerifier {
    function verifyInput(uint256 e3Id, bytes32 pkCommitment, address submitter, bytes calldata data)
        external
        view
        returns (bool);
}

/// @notice Checks the plaintext publication (SYSTEM.md §3 step 6, circuits C6/C7): the plaintext is
/// the threshold decryption of the ciphertext whose commitment is stored on chain.
interface IDecryptionVerifier {
    function verifyDecryption(
        uint256 e3Id,
        bytes32 ciphertextCommitment,
        bytes calldata plaintext,
        bytes calldata proof
    ) external view returns (bool);
}

/// @notice The entry point of a Barretenberg UltraHonk Solidity verifier (bb `getSolidityVerifier`).
/// Used by the slashing manager to check a proof a node signed.
interface IHonkVerifier {
    function verify(bytes calldata proof, bytes32[] calldata publicInputs) external view returns (bool);
}
