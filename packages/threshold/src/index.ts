export {
  BaseError,
  DecodeError,
  InvalidParameterError,
  MismatchError,
  CommitteeConfigError,
  QuorumError,
  InvalidPkShareError,
  ShareVerificationError,
  ProtocolError,
  DecryptionShareError,
  SecretReuseError,
  DisposedError,
  SmudgingBoundError,
} from './errors.js';
export { Committee, defaultThreshold, MAX_PARTIES } from './committee.js';
export { commonRandomPoly, CRP_DOMAIN } from './crp.js';
export { Session, SESSION_DOMAIN, type SessionOptions } from './session.js';
export { lagrangeAtZero, interpolateAtZero, linearCombination, checkIds } from './lagrange.js';
export { parityCheckMatrix, firstParityFailure, isCodeword } from './parity.js';
export { ShamirSharing, shamirShare } from './shamir.js';
export {
  MIN_LAMBDA,
  DEFAULT_LAMBDA,
  ciphertextNoiseBound,
  decryptionNoiseLimit,
  smudgingBound,
  maxSmudgingLambda,
  sampleSmudgingContribution,
  log2,
  type NoiseBudget,
  type SmudgingBound,
  type SmudgingContribution,
} from './smudging.js';
export {
  TransportKeyPair,
  encryptLimb,
  encryptWithRandomness,
  sampleEncryptionRandomness,
  limbPlaintext,
  checkRandomness,
  transportWitness,
  type EncryptionRandomness,
} from './transport.js';
export { sha3 } from './hash.js';
export { shareCommitment, polyBytes, equalBytes, COMMIT_DOMAIN, type ShareTriple } from './commit.js';
export { PkShareProtocol, pkShareWitness } from './pk-share.js';
export { ThresholdKeyShare } from './keyshare.js';
export { resolveComplaint, tripleLimbs, bundleCiphertexts, type ComplaintVerdict } from './complaint.js';
export {
  ConsistencyChallenge,
  deriveChallenge,
  consistencyValue,
  maskedPolynomial,
  evaluateAt,
  checkMaskedPolynomial,
  resolveCodewordComplaint,
  CHALLENGE_DOMAIN,
} from './consistency.js';
export { DkgParty, type DealerWitness } from './party.js';
export { runDkg, DKG_STEPS, type DkgStep, type DkgOptions, type DkgResult, type Exclusion, type PartyStats } from './dkg.js';
export {
  ciphertextDigest,
  decryptionShare,
  decryptionShareWitness,
  combinationWitness,
  combineDecryptionShares,
  type CombineOptions,
  type CombinedDecryption,
} from './decryption.js';
export { simulateE3, type E3Program, type SimulateE3Options, type E3Result } from './e3.js';
export {
  ComplaintReason,
  type TransportPublicKey,
  type PkShare,
  type ShareCommitments,
  type EncryptedShareBundle,
  type Complaint,
  type ShareOpening,
  type MaskedPolynomial,
  type ShareReveal,
  type DecryptionShare,
} from './messages.js';
export * from './serialize.js';
export { RlkShareError } from './rlk-errors.js';
export { RlkProtocol, rlkCommonPolys, RLK_CRP_DOMAIN, type RlkRound1Share, type RlkRound2Share, type RlkRound1Aggregate, type RlkRound1Noise, type RlkRound2Noise } from './rlk.js';
export { checkRlkRound1, checkRlkRound2, measureRlkNoise, type RlkContributionWitness } from './rlk-check.js';
export { RlkKind, encodeRlkRound1Share, decodeRlkRound1Share, encodeRlkRound2Share, decodeRlkRound2Share } from './rlk-serialize.js';
export { runRlk, type RlkRunOptions, type RlkRunResult } from './rlk-dkg.js';
export { DepthSession, DEPTH_SESSION_DOMAIN, type DepthSessionOptions } from './depth-session.js';
export { freshNoiseBound, relinKeyNoiseBound, productNoiseBound, depthNoiseBound } from './mul-noise.js';
export { MAX_MULTIPLICATIONS } from './smudging.js';
export { PRODUCTION_D2, SHARE_TRANSPORT_D2, INSECURE_D2_N1024 } from './depth-sets.js';
