/**
 * @interfold/circuits: the zero-knowledge layer of Interfold TS.
 *
 * - Toolchain: Noir workspace (../noir) compiled with noir_wasm and cached by content hash;
 *   witnesses with noir_js; UltraHonk proofs with bb.js's native bb; CRS from the Aztec ceremony
 *   (configured path) or a deterministic INSECURE development CRS (cached, warned about, refused
 *   in production); a Solidity verifier per circuit, G2 patched to the CRS, compiled with solc-js
 *   and deployed in an in-process EVM, through which every verification goes.
 * - Commitments: domain-separated Poseidon2 sponge, packing, RNS polynomial commitments (twins
 *   of noir/lib, tested to agree bit for bit).
 * - The user-encryption proof (GRECO-style): encryptAndProve / verifyInput.
 */
export { CircuitArtifactError, WitnessError, ProverError, VerificationError, CrsError, CircuitInputError } from './errors.js';
export { resolveConfig, type ZkConfig, type ResolvedZkConfig } from './config.js';
export { compileNoirPackage, WORKSPACE_DIR, type CompiledProgram } from './noir/compile.js';
export { executeProgram } from './noir/execute.js';
export { resolveCrs, onDevCrsProgress, DEV_CRS_WARNING, type Crs } from './crs/resolve.js';
export { generateDevCrs, devCrsSize, devTau, devG2, DEV_CRS_LABEL, type DevCrsProgress, type G2Affine } from './crs/devCrs.js';
export { BbSession, type Proof } from './prover/barretenberg.js';
export { patchVerifierG2, compileVerifier, linkBytecode, type CompiledVerifier } from './verifier/solidity.js';
export { EvmVerifierHost, encodeVerifyCall, type VerifyResult } from './verifier/evm.js';
export { ZkCircuit, type CircuitStats } from './circuit.js';

export { Fr, FR_MODULUS, toField, fieldToHex } from './poseidon2/field.js';
export { poseidon2Permutation } from './poseidon2/permutation.js';
export { spongeHash, spongeIv } from './poseidon2/sponge.js';
export { pack, packedLength, slotsPerField } from './poseidon2/pack.js';
export { DOMAINS, domainTag } from './commitments/domains.js';
export { commitRnsPolys, shiftedRnsCoefficients, rnsSlotWidth, type RnsPoly } from './commitments/rns.js';

export { userEncryptionLayout, renderParamsNr, paramsDigest, ERROR_BOUND, type EncryptionParams, type UserEncryptionLayout } from './userEncryption/layout.js';
export { buildInputs, checkWitness, publicInputList, type EncryptionWitness, type InputBinding, type UserEncryptionPublicInputs } from './userEncryption/witness.js';
export { inputContext, blobDigest, type InputContext } from './userEncryption/context.js';
export { toBlobData, fromBlobData, blobCount, BLOB_DATA_BYTES, BYTES_PER_BLOB, FIELD_ELEMENTS_PER_BLOB } from './userEncryption/blobs.js';
export { encodeCiphertext, decodeCiphertext, ciphertextDigest, ciphertextEvaluation, type CentredCiphertext } from './userEncryption/ciphertext.js';
export { UserEncryptionCircuit, type UserEncryptionProof, type CentredPublicKey } from './userEncryption/circuit.js';
export {
  UserEncryption,
  userEncryptionFor,
  encryptAndProve,
  verifyInput,
  closeUserEncryption,
  centredCiphertext,
  centredPublicKey,
  type EncryptedInput,
} from './userEncryption/bfv.js';
export { syntheticEncrypt, syntheticPublicKey } from './userEncryption/synthetic.js';
export { honkVerifierAbi, userEncryptionInputVerifierAbi } from './verifier/abi.js';
export { renderInputVerifier, compileInputVerifier, encodeVerifyInputCall, encodeVerifyBlobInputCall, encodeAddressArg } from './verifier/inputAdapter.js';

// Verifiable threshold decryption (spec 003 P4): C6 decryption shares, C7 decode, aggregation.
export { decryptionLayout, c7Layout, renderC6ParamsNr, renderC7ParamsNr, ID_BITS, MAX_SHARES, type DecryptionLayout, type C7Layout } from './decryption/layout.js';
export {
  buildC6Inputs,
  c6PublicInputList,
  ciphertextCommitment,
  decryptionShareCommitment,
  type DecryptionShareWitness,
  type DecryptionSharePublicInputs,
  type ShareBinding,
} from './decryption/shareWitness.js';
export { buildC7Inputs, c7PublicInputList, lagrangeCoefficients, packPlaintext, type DecodePublicInputs, type DecodeOverrides } from './decryption/decodeWitness.js';
export { DecryptionShareCircuit, DecodeCircuit, type DecryptionShareProof, type DecodeProof } from './decryption/circuits.js';
export { centredPoly, centredOutput, shareWitness } from './decryption/threshold.js';
export {
  checkShare,
  combineVerifiedShares,
  verifyDecryption,
  provedShareCommitment,
  type KeyShareCommitments,
  type ProvedShare,
  type DecryptionContext,
  type VerifiableDecryption,
  type Exclusion,
} from './decryption/aggregate.js';

// DKG circuits C0-C5 (issue 9; FORMATS.md, docs/ZK.md "DKG proofs").
export { DkgCircuits, dkgLayouts, SECRET_KINDS, type DealerProofs, type ReceiverProofs, type Proved, type DkgLayouts } from './dkg/circuits.js';
export { DkgCircuit, encodePublicInputs, decodePublicInputs, type DkgCircuitName } from './dkg/circuit.js';
export { verifyDkgChain, type DkgTranscript, type DkgFault, type ChainVerdict } from './dkg/chain.js';
export { sessionField, partyField, crpCommitment } from './dkg/common.js';
export { DKG_DOMAINS } from './dkg/domains.js';
export * from './rlk/index.js';
export { c1Layout, buildC1Inputs, c1WitnessFromDealer, c1PublicList, skCommitment, esmCommitment, pkShareCommitment, type C1Witness, type C1Public, type C1Layout } from './dkg/c1.js';
export { c2Layout, buildC2Inputs, c2WitnessFromSharing, c2PublicList, shareCommitment, secretCommitment, type C2Witness, type C2Public, type C2Layout, type SecretKind } from './dkg/c2.js';
export { buildC0Inputs, buildC4Inputs, buildC5Inputs, c4Commitments, c0PublicList, c4PublicList, c5PublicList, sumLayout, type C0Public, type C4Public, type C5Public, type SumLayout } from './dkg/aggregate.js';

// Program input circuits: ballot and data pool (issue 13; docs/ZK.md "Program validity proofs").
export * from './programs/index.js';
// Aggregate proofs (folds; session 3 shared interface 3): src/aggregate, docs/ZK.md "Aggregate proofs".
export {
  DecryptionFoldCircuit,
  foldDecryptionProofs,
  decryptionFoldOverlays,
  decryptionFoldPublicInputs,
  type FoldableShare,
  type DecryptionFoldContext,
  type DecryptionFoldStatement,
  type FoldedDecryption,
} from './aggregate/decryption.js';
export { PkFoldCircuit, pkFoldOverlays, pkFoldPublicInputs, type FoldableC1, type FoldedPk, type PkFoldStatement } from './aggregate/pk.js';
export { RecursiveProver, RECURSIVE_SETTINGS, PROOF_TYPE_HONK_ZK, type InnerProof, type InnerVk } from './aggregate/recursive.js';
export { renderInnerVkNr, INNER_PROOF_LEN, type FoldedProof } from './aggregate/common.js';
