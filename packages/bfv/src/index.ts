export { NoiseOverflowError, BaseError, DecodeError, InvalidParameterError, MismatchError } from './errors.js';
export { BfvParameters, bfvParameters, asBfvParameters, cachedParameters, encodeLiteral, HE_STANDARD_MAX_LOGQ, type BfvParametersLiteral, type MultiplicationContext } from './parameters.js';
export {
  PARAMETER_SETS,
  PRODUCTION,
  SHARE_TRANSPORT,
  INSECURE_N512,
  INSECURE_N1024,
  INSECURE_TRANSPORT_N512,
  INSECURE_TRANSPORT_N1024,
} from './sets.js';
export { Plaintext, SecretKey, PublicKey, Ciphertext, RelinKey, sameParams } from './objects.js';
export { genSecretKey, genPublicKey, genPublicKeyWithWitness, type PublicKeyWithWitness } from './keygen.js';
export { encodeCoeffs, decodeCoeffs, encodeSlots, decodeSlots } from './encoder.js';
export { encrypt, encryptWithWitness, encryptSymmetric, addSmall } from './encrypt.js';
export {
  buildEncryptionWitness,
  checkEncryptionWitness,
  encryptionWitnessBounds,
  centeredLimb,
  type EncryptionWitness,
  type EncryptionWitnessBounds,
  type Range,
} from './witness.js';
export { decrypt, phase } from './decrypt.js';
export { roundToPlaintext, messageK1, addScaledMessage } from './scaling.js';
export { add, sub, negate, addMany, addPlain, subPlain, mulPlain, mulScalar } from './evaluate.js';
export { multiply } from './multiply.js';
export { genRelinKey, relinearize, mulRelin } from './relin.js';
export { measureNoise, measurePhaseNoise, log2Big, type NoiseMeasurement } from './noise.js';
export {
  FORMAT_VERSION,
  Kind,
  residueWidth,
  encodeParameters,
  decodeParameters,
  type DecodeParametersOptions,
  encodeSecretKey,
  decodeSecretKey,
  encodePublicKey,
  decodePublicKey,
  encodeCiphertext,
  decodeCiphertext,
  encodePlaintext,
  decodePlaintext,
  encodeRelinKey,
  decodeRelinKey,
} from './serialize.js';
