export { InvalidBidError, AuctionConfigError, AuctionOutputError } from './errors.js';
export { auctionLayout, slot, BLOCKS, type AuctionLayout } from './layout.js';
export { bidVectors, encodeBid, encryptBid, checkBid, type BidPlaintexts, type EncryptedBid } from './bid.js';
export { maskContribution, type MaskContribution } from './masks.js';
export { computeAuction } from './compute.js';
export { decodeAuction, plainAuction, type AuctionOutcome } from './decode.js';
export { auctionProgram, AUCTION_DEPTH, AUCTION_LAMBDA, LEAKAGE } from './program.js';
export { runAuction, type RunAuctionOptions, type AuctionRun } from './run.js';
