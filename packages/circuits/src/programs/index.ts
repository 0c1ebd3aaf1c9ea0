/** Program input circuits (docs/ZK.md "Program validity proofs"; apps/ballot, apps/datapool). */
export { ProgramInputCircuit, type ProgramCircuitName } from './circuit.js';
export { DataPoolCircuit, dataPoolCounts, renderDataPoolNr, checkDataPoolShape, type DataPoolShape } from './datapool.js';
export { BallotCircuit, ballotChoice, renderBallotNr, checkBallotShape, type BallotShape } from './ballot.js';
export { allowlist, addressField, leafHash, nodeHash, BALLOT_DOMAINS, type Allowlist, type MerklePath } from './merkle.js';
export { messageScaling, messageOf, type MessageScaling } from './message.js';
export { encodeProgramInput, programInputStatus, PROGRAM_INPUT_STATUS, type ProgramInputStatus } from './input.js';
export { deployProgramVerifier, viemCodeDeployer, type CodeDeployer, type DeployedProgramVerifier, type HexAddress } from './deploy.js';
export { AuctionBidCircuit, auctionBidLevel, auctionBidSlots, witnessSlots, renderAuctionBidNr, checkAuctionBidShape, AUCTION_BID_PUBLIC_INPUTS, BID_VECTORS, type AuctionBidShape, type AuctionBidWitness, type AuctionBidCiphertexts, type BidVector } from './auction.js';
export { deployAuctionBidVerifier, auctionBidParts, type AuctionBidParts } from './auctionChain.js';
