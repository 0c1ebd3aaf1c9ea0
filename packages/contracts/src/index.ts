/**
 * @interfold/contracts: the on-chain layer (E3 lifecycle, operator bonding, sortition, fees,
 * slashing). Solidity sources live in ../contracts; this module exports typed viem ABIs and
 * bytecode, deployment, a local anvil, the sortition twin and the signed-message helpers.
 */
export * from './abis.js';
export { decodeRevert, type DecodedRevert } from './revert.js';
export { startAnvil, anvilBinary, freePort, ANVIL_MNEMONIC, type AnvilInstance, type AnvilOptions } from './anvil.js';
export { walletFor, publicFor, testClientFor, devAccount, localChain, confirm, type Signer } from './clients.js';
export {
  deployInterfold,
  deployProgram,
  PROGRAM_CONTRACTS,
  type ProgramDeployment,
  fundOperators,
  deploymentToJson,
  deploymentFromJson,
  DEFAULT_CONFIG,
  type Deployment,
  type DeployOptions,
  type ProtocolConfig,
  type SlashPolicy,
  type OperatorFunding,
} from './deploy.js';
export { ticketScore, bestTicket, selectCommittee, seedFromPrevrandao, type ScoredTicket, type StakeEntry } from './sortition.js';
export * from './signing.js';
export * from './types.js';
export { paramSetId } from './params.js';
export { CompileError, StaleArtifactsError, AnvilError, DeploymentError, InvalidArgumentError, BlobError, InvalidBlobInputError } from './errors.js';
export {
  keySharesTypes,
  keyShareTableHash,
  signKeyShares,
  encodeDecryptionBundle,
  encodePlaintextWords,
  type KeyShareTable,
  type DecryptionBundle,
} from './decryptionProofs.js';
export { decodeDecryptionAggregateBundle, encodeDecryptionAggregateBundle, type DecryptionAggregateBundle } from './decryptionAggregate.js';
export { decodePkAggregateBundle, encodePkAggregateBundle, signPkShare, pkShareTypes, type PkAggregateBundle } from './pkAggregate.js';
export { blobSidecars, readBlobInput, decodeBlobInputData, anvilBlobFetcher, versionedHash, kzgContext, BLOB_INPUT_DATA, type BlobSidecar, type BlobFetcher, type BlobInputData, type BlobLocation } from './blobs.js';
export { beaconBlobFetcher, slotOf, BLOB_BYTES, type BeaconBlobFetcherOptions } from './beacon.js';
export * from './auction.js';
