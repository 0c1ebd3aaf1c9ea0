/**
 * The sealed-bid auction as a program module for the ciphernode daemons (the program plugin:
 * `createProgram(id)` → { id, name, depth, masks, compute }; daemon config `programs: [{ id, module }]`).
 *
 * `depth` (1 multiplication, 2 products) makes the committee's DKG also produce the
 * relinearisation key (node core/rlk.ts, Mouchet et al. 2021) and budget the smudging for one
 * product; `masks: 2` makes every member of the final A contribute two mask ciphertexts (R_i, R'_i:
 * uniform, from its own secret stream, encrypted under the E3's pk), so R = Σ R_i stays uniform to
 * the requester, the compute provider and any T members (masks.ts, SYSTEM.md §9). Both reach
 * `compute` in its context; every member recomputes the same output from the same rlk and masks.
 *
 * Inputs: one bid per input, as AuctionBidAdapter accepted it (contracts/programs/AuctionProgram.sol,
 * apps/auction/src/chain.ts): `data` = abi.encode(ctX, ctW, ctY, proof, alpha[3], gamma[3],
 * submitter), the three ciphertexts proved (noir/auction_bid) to encrypt one level in 1..K for the
 * bidder's id registered by the requester before inputs opened (Y carries that id). The node hands
 * X as the input's ciphertext (the first ABI member); W and Y are read from `data` here.
 */
import type { BfvParameters, Ciphertext } from '@interfold/bfv';
import { decodeAuctionBidInput } from '@interfold/contracts';
import { ciphertextFromBytes, type Program, type ProgramContext, type ProgramInput } from '@interfold/node';
import { bytesToHex, hexToBytes, type Hex } from 'viem';
import type { EncryptedBid } from './bid.js';
import { computeAuction } from './compute.js';
import { AuctionConfigError } from './errors.js';
import { auctionLayout, type AuctionLayout } from './layout.js';
import type { MaskContribution } from './masks.js';
import { AUCTION_DEPTH, auctionProgram } from './program.js';

export type { Program, ProgramInput, ProgramContext };

/**
 * The module's fixed grid: every daemon and every bidder (and the bid circuit's shape) must use the
 * same one. 16 levels: the bid circuit at INSECURE_N1024 is 317,500 gates (2^19) with K = 16.
 */
export const MODULE_LEVELS = 16;
/** Bidder ids 1..MODULE_MAX_BIDDERS (the core's smudging budget caps the inputs far lower: 64 by default). */
export const MODULE_MAX_BIDDERS = 1000;

export function moduleLayout(params: BfvParameters): AuctionLayout {
  return auctionLayout(params, MODULE_LEVELS, MODULE_MAX_BIDDERS);
}

/** The bids of an input list (chain order): X, W, Y of each accepted bid input. */
export function bidsOf(params: BfvParameters, inputs: readonly ProgramInput[]): EncryptedBid[] {
  return inputs.map((input, j) => {
    let b;
    try {
      b = decodeAuctionBidInput(bytesToHex(input.data));
    } catch (e) {
      throw new AuctionConfigError('An input is not an auction bid (AuctionBidAdapter layout)', { details: `input ${input.index}`, cause: e });
    }
    const ct = (h: Hex) => ciphertextFromBytes(params, hexToBytes(h));
    // The bidder's id is the one registered on chain (its Y encodes it); compute does not read it.
    return Object.freeze({ bidder: j + 1, x: input.ciphertext, w: ct(b.w), y: ct(b.y) });
  });
}

/** The members' masks as the program's contributions (two ciphertexts each, R_i and R'_i). */
export function masksOf(context: ProgramContext): MaskContribution[] {
  const masks = context.masks;
  if (!masks || masks.length === 0) throw new AuctionConfigError('The auction needs the committee’s mask ciphertexts (none in the context)');
  return masks.map((m) => {
    if (m.ciphertexts.length !== 2) throw new AuctionConfigError('A member’s masks must be two ciphertexts', { details: `member ${m.member}: ${m.ciphertexts.length}` });
    return Object.freeze({ member: m.member, r: m.ciphertexts[0]!, r2: m.ciphertexts[1]! });
  });
}

export function createProgram(id: bigint): Program {
  return Object.freeze({
    id,
    name: auctionProgram.name,
    depth: AUCTION_DEPTH,
    masks: 2,
    compute(params: BfvParameters, inputs: readonly ProgramInput[], context: ProgramContext): Ciphertext {
      const rlk = context.evaluationKey;
      if (!rlk) throw new AuctionConfigError('The auction needs the committee’s relinearisation key (none in the context)');
      return computeAuction(params, moduleLayout(params), rlk, bidsOf(params, inputs), masksOf(context));
    },
  });
}
