/**
 * The auction as one E3 in one process (SYSTEM.md §3 without chain or network; threshold's
 * simulateE3 for the sum program): DKG (P1/P2) in a DepthSession budgeted for the auction's depth,
 * the relinearisation-key protocol (threshold rlk-dkg.ts), the committee's masks, bidders encrypt
 * (P3) and the validity statement is checked (runAuction: in the clear; runProvedAuction: each bid
 * carries a noir/auction_bid proof, verified before it is admitted), the compute provider computes and every member
 * recomputes, T + 1 members decrypt (P4), and the decoded outcome is compared with the plaintext
 * auction of the same bids.
 */
import { asBfvParameters, type BfvParameters, type BfvParametersLiteral, type Plaintext } from '@interfold/bfv';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import { DepthSession, ciphertextDigest, combineDecryptionShares, decryptionShare, equalBytes, runDkg, runRlk } from '@interfold/threshold';
import { CircuitInputError, inputContext, WitnessError, type AuctionBidCircuit } from '@interfold/circuits';
import { checkBid, encodeBid, encryptBid, type BidPlaintexts, type EncryptedBid } from './bid.js';
import { computeAuction } from './compute.js';
import { decodeAuction, plainAuction, type AuctionOutcome } from './decode.js';
import { AuctionOutputError, InvalidBidError } from './errors.js';
import { auctionLayout, type AuctionLayout } from './layout.js';
import { maskContribution, type MaskContribution } from './masks.js';
import { bidKeyCommitment, proveBid, verifyBid, type ProvedBid } from './proof.js';
import { AUCTION_DEPTH, AUCTION_LAMBDA } from './program.js';

export type RunAuctionOptions = {
  readonly params: BfvParameters | BfvParametersLiteral;
  readonly transport: BfvParameters | BfvParametersLiteral;
  readonly n: number;
  readonly T?: number;
  readonly levels: number;
  /** Bid levels, one per bidder (bidder ids 1..). */
  readonly bids: readonly number[];
  readonly maxBidders?: number;
  readonly lambda?: number;
  readonly seed?: Uint8Array | string;
  readonly decryptors?: readonly number[];
  readonly sources?: (id: number) => RandomSource;
  readonly bidderSource?: RandomSource;
  readonly onPhase?: (name: string, s: number) => void;
};

export type AuctionRun = {
  readonly outcome: AuctionOutcome;
  readonly expected: AuctionOutcome;
  readonly correct: boolean;
  /** Ids of the bids whose validity statement failed (not admitted). */
  readonly rejected: readonly number[];
  /** The released plaintext (public once decrypted): what anyone can inspect for leakage. */
  readonly released: Plaintext;
  /** Seconds: per-node rlk keygen (mean), per-bid encryption + validity check (mean), compute, decryption. */
  readonly timings: { readonly dkg: number; readonly rlkPerNode: number; readonly encryptPerBid: number; readonly compute: number; readonly decryption: number };
  readonly lambda: number;
};

const secs = (t0: number) => (performance.now() - t0) / 1000;

type OpenE3 = {
  readonly params: BfvParameters;
  readonly layout: AuctionLayout;
  readonly lambda: number;
  readonly session: DepthSession;
  readonly dkg: ReturnType<typeof runDkg>;
  readonly rlkRun: ReturnType<typeof runRlk>;
  readonly masks: MaskContribution[];
  readonly dkgS: number;
  readonly rlkPerNode: number;
};

/** P1/P2 DKG, the rlk protocol and the committee's masks: everything before the bids. */
function openE3(o: RunAuctionOptions): OpenE3 {
  const params = asBfvParameters(o.params);
  const transport = asBfvParameters(o.transport);
  const maxBidders = o.maxBidders ?? o.bids.length;
  const layout = auctionLayout(params, o.levels, maxBidders);
  const lambda = o.lambda ?? AUCTION_LAMBDA;
  const t0 = performance.now();
  const session = new DepthSession({ params, transport, n: o.n, T: o.T, seed: o.seed ?? cryptoSource.fill(new Uint8Array(32)), maxInputs: Math.max(maxBidders, o.n), lambda, ...AUCTION_DEPTH });
  const dkg = runDkg(session, { sources: o.sources });
  const dkgS = secs(t0);
  o.onPhase?.('P1/P2 DKG', dkgS);
  const rlkRun = runRlk(dkg, { sources: o.sources });
  const rlkPerNode = [...rlkRun.stats.values()].reduce((a, s) => a + s.ms, 0) / 1000 / rlkRun.stats.size;
  o.onPhase?.('rlk protocol (per node, mean)', rlkPerNode);
  const masks = dkg.authorised.map((id) => maskContribution(params, dkg.pk, id, o.sources?.(id)));
  return { params, layout, lambda, session, dkg, rlkRun, masks, dkgS, rlkPerNode };
}

/** Compute, recompute, T + 1 decryption shares, decode, and the comparison with the plaintext auction. */
function closeE3(o: RunAuctionOptions, e: OpenE3, bids: readonly EncryptedBid[], rejected: readonly number[], encryptPerBid: number): AuctionRun {
  const { params, layout, dkg, rlkRun, masks, session } = e;
  const phase = (name: string, s: number) => o.onPhase?.(name, s);
  let t0 = performance.now();
  const out = computeAuction(params, layout, rlkRun.rlk, bids, masks);
  const compute = secs(t0);
  phase('compute', compute);
  // Each member recomputes (deterministic) and refuses to decrypt a different output.
  const again = computeAuction(params, layout, rlkRun.rlk, bids, masks);
  if (!equalBytes(ciphertextDigest(again), ciphertextDigest(out))) throw new AuctionOutputError('Recomputation differs from the posted output');

  t0 = performance.now();
  const decryptors = [...(o.decryptors ?? dkg.authorised.slice(0, session.T + 1))];
  const shares = decryptors.map((id) => decryptionShare(params, dkg.keyShares.get(id)!, out));
  const combined = combineDecryptionShares(params, shares, session.T, { ciphertext: out });
  const outcome = decodeAuction(layout, combined.plaintext);
  const decryption = secs(t0);
  phase('P4 decryption', decryption);

  for (const nz of rlkRun.noise.values()) for (const x of [...nz.e0, ...nz.e1, ...nz.e2, ...nz.e3]) x.fill(0);
  for (const p of dkg.parties.values()) p.dispose();
  for (const k of dkg.keyShares.values()) k.dispose();
  const expected = plainAuction(o.bids.map((b, i) => (rejected.includes(i + 1) ? 0 : b)));
  return { outcome, expected, rejected, correct: JSON.stringify(outcome) === JSON.stringify(expected), released: combined.plaintext, timings: { dkg: e.dkgS, rlkPerNode: e.rlkPerNode, encryptPerBid, compute, decryption }, lambda: e.lambda };
}

/**
 * One E3 whose bids are checked by `checkBid` on the opened plaintexts (no proof: the statement
 * is run in the clear; runProvedAuction proves and verifies it instead).
 */
export function runAuction(o: RunAuctionOptions): AuctionRun {
  const e = openE3(o);
  // P3: bidders encode, encrypt; the E3 admits a bid only if its validity statement holds.
  const t0 = performance.now();
  const bids: EncryptedBid[] = [];
  const rejected: number[] = [];
  o.bids.forEach((level, i) => {
    const id = i + 1;
    let pts;
    try {
      pts = encodeBid(e.params, e.layout, level, id);
      checkBid(e.layout, id, pts);
    } catch (err) {
      // An invalid bid is not admitted (its validity statement fails); the E3 proceeds without it.
      if (err instanceof InvalidBidError) return void rejected.push(id);
      throw err;
    }
    bids.push(encryptBid(e.params, e.dkg.pk, pts, id, o.bidderSource));
  });
  const encryptPerBid = secs(t0) / Math.max(1, o.bids.length);
  o.onPhase?.('P3 encrypt + validity (per bid)', encryptPerBid);
  return closeE3(o, e, bids, rejected, encryptPerBid);
}

export type RunProvedAuctionOptions = RunAuctionOptions & {
  /** The bid circuit for these parameters and levels (AuctionBidCircuit.load). */
  readonly circuit: AuctionBidCircuit;
  /** The context each bid is bound to (default: a local one, chainId 0, e3Id 1, submitter = the id as an address). */
  readonly context?: (id: number) => bigint;
  /**
   * Adversarial plaintexts for some bidders (tests): proved with `strict: false`, so the circuit
   * itself must refuse them; such a bid is then not admitted.
   */
  readonly forged?: (id: number) => BidPlaintexts | undefined;
};

export type ProvedAuctionRun = AuctionRun & {
  /** Seconds per admitted bid: encryption with witness + proof; and per verification. */
  readonly proving: { readonly provePerBid: number; readonly verifyPerBid: number; readonly proofBytes: number; readonly verifyGas: bigint };
};

const localContext = (id: number) => inputContext({ chainId: 0, orchestrator: `0x${'00'.repeat(20)}`, e3Id: 1n, submitter: `0x${id.toString(16).padStart(40, '0')}` });

/**
 * One E3 whose bids carry validity proofs (noir/auction_bid): each bidder encrypts with
 * witnesses and proves; the E3 admits a bid only if its proof verifies (deployed Solidity
 * verifier, in-process EVM) for the bidder's id, the threshold key's commitment and its context.
 * A bid that cannot be proved (invalid) or whose proof fails is not admitted.
 */
export async function runProvedAuction(o: RunProvedAuctionOptions): Promise<ProvedAuctionRun> {
  const e = openE3(o);
  const pkCommitment = bidKeyCommitment(e.dkg.pk);
  const context = o.context ?? localContext;
  const bids: EncryptedBid[] = [];
  const rejected: number[] = [];
  let prove = 0, verify = 0, proofBytes = 0, verifyGas = 0n;
  for (const [i, level] of o.bids.entries()) {
    const id = i + 1;
    const forged = o.forged?.(id);
    let proved: ProvedBid;
    let t0 = performance.now();
    try {
      const pts = forged ?? encodeBid(e.params, e.layout, level, id);
      proved = await proveBid(o.circuit, { params: e.params, layout: e.layout, pk: e.dkg.pk, pts, id, context: context(id), src: o.bidderSource, strict: forged === undefined });
    } catch (err) {
      // Not provable: the encoder, the witness check or the circuit refused it. Not admitted.
      if (err instanceof InvalidBidError || err instanceof CircuitInputError || err instanceof WitnessError) {
        rejected.push(id);
        continue;
      }
      throw err;
    }
    prove += secs(t0);
    t0 = performance.now();
    const r = await verifyBid(o.circuit, pkCommitment, proved, context(id), id);
    verify += secs(t0);
    if (!r.ok) {
      rejected.push(id);
      continue;
    }
    proofBytes = proved.proof.proof.length;
    verifyGas = r.gasUsed;
    bids.push(proved.bid);
  }
  const provePerBid = prove / Math.max(1, bids.length);
  o.onPhase?.('P3 encrypt + prove (per bid)', provePerBid);
  o.onPhase?.('P3 verify (per bid)', verify / Math.max(1, bids.length));
  const run = closeE3(o, e, bids, rejected, provePerBid);
  return { ...run, proving: { provePerBid, verifyPerBid: verify / Math.max(1, bids.length), proofBytes, verifyGas } };
}
