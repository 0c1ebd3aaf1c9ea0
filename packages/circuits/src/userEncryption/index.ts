/**
 * @interfold/circuits/user-encryption: the browser-safe part of the user-encryption input path
 * (no Node built-ins, no native prover): witness and circuit inputs, layout, canonical ciphertext
 * encoding, context binding, blob packing, and the pk commitment. The SDK's browser prover builds
 * on it; proving and the deployed verifiers are in the package's main entry (Node).
 */
export { buildInputs, checkWitness, publicInputList, type EncryptionWitness, type InputBinding, type UserEncryptionPublicInputs } from './witness.js';
export { userEncryptionLayout, paramsDigest, type EncryptionParams, type UserEncryptionLayout } from './layout.js';
export { encodeCiphertext, decodeCiphertext, ciphertextDigest, ciphertextEvaluation, type CentredCiphertext } from './ciphertext.js';
export { centredPublicKey, centredCiphertext } from './centred.js';
export { inputContext, blobDigest, type InputContext } from './context.js';
export { toBlobData, fromBlobData, blobCount, BLOB_DATA_BYTES, BYTES_PER_BLOB, FIELD_ELEMENTS_PER_BLOB } from './blobs.js';
export { commitRnsPolys, type RnsPoly } from '../commitments/rns.js';
export { DOMAINS } from '../commitments/domains.js';
export { FR_MODULUS, fieldToHex } from '../poseidon2/field.js';
export { CircuitInputError } from '../errors.js';
