/**
 * `e3 dev --program auction` (packages/cli/src/dev/program.ts loads this module): a first-price
 * sealed-bid auction among the run's input accounts, one bid each, through the real network —
 * the daemons' DKG also makes the relinearisation key and the committee's masks (node
 * core/rlk.ts), the compute provider daemon runs `module` (createProgram: depth 1), and the
 * released plaintext is decoded and compared with the plaintext auction of the same bids.
 *
 * The CLI calls, in order: `createDevProgram` (the bid circuit compiled and keyed before the chain
 * starts), `deploy` (bid verifier, AuctionProgram, AuctionBidAdapter; registered), `configure`
 * (the requester registers the bidders — ids 1..k in account order — before inputs open),
 * `prove` per bidder (encode, encrypt, prove the bid valid for its id; apps/auction/src/chain.ts),
 * and `check` on the decrypted words. Bid levels come from the OS CSPRNG.
 *
 * Parameter set: depth 1 under the threshold key needs a smudging budget INSECURE_N512 does not
 * have (λ_max = 0); the CLI runs the auction at INSECURE_N1024 unless told otherwise.
 */
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { encodeCoeffs, type BfvParameters, type PublicKey } from '@interfold/bfv';
import { AuctionBidCircuit } from '@interfold/circuits';
import type { Deployment, Signer } from '@interfold/contracts';
import { maxSmudgingLambda } from '@interfold/threshold';
import type { Address, Hex } from 'viem';
import { deployAuctionProgram, proveChainBid, registerBidders } from './chain.js';
import { decodeAuction, plainAuction, type AuctionOutcome } from './decode.js';
import { AuctionConfigError } from './errors.js';
import { moduleLayout } from './module.js';
import { AUCTION_DEPTH, auctionProgram } from './program.js';

export type DevBinding = { readonly chainId: number; readonly orchestrator: Address; readonly e3Id: bigint; readonly publicKey: PublicKey; readonly submitter: Address };

export const show = (o: AuctionOutcome): string =>
  o.kind === 'winner' ? `winner ${o.winner}, price ${o.price}` : o.kind === 'tie' ? `tie of ${o.count} at price ${o.price}` : 'no bids';

/** The released words (coefficients, trailing zeros trimmed) as the auction's outcome. */
export function outcomeOf(params: BfvParameters, words: readonly bigint[]): AuctionOutcome {
  return decodeAuction(moduleLayout(params), encodeCoeffs(params, words));
}

export async function createDevProgram(o: { readonly params: BfvParameters; readonly inputs: number }) {
  // The daemons' sessions must afford one product (n = 3 members, the core's 64 inputs).
  if (maxSmudgingLambda(o.params, { n: 3, maxInputs: 64, ...AUCTION_DEPTH }) < 1) {
    throw new AuctionConfigError(`The auction (depth 1) has no smudging budget at ${o.params.name}`, { details: 'use --params INSECURE_N1024 (or PRODUCTION_N8192)' });
  }
  const layout = moduleLayout(o.params);
  const circuit = await AuctionBidCircuit.load(o.params, { levels: layout.levels });
  const levels = Array.from({ length: o.inputs }, () => randomInt(1, layout.levels + 1));
  let bidders: readonly Address[] | undefined;
  // One proof at a time on this circuit's prover (the CLI may ask for two inputs at once).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = queue.then(f);
    queue = p.catch(() => undefined);
    return p;
  };
  return {
    name: 'auction',
    module: fileURLToPath(new URL('./module.ts', import.meta.url)),
    detail: `auction bid circuit (${layout.levels} levels): ${circuit.circuit.stats.gates.toLocaleString('en-US')} gates`,
    /** The values the report lists (each bidder's level). */
    values: levels,
    deploy: (deployer: Signer, deployment: Deployment) => deployAuctionProgram(deployer, deployment, circuit, layout, auctionProgram.name),
    async configure(requester: Signer, program: Address, e3Id: bigint, submitters: readonly Address[]): Promise<void> {
      bidders = submitters.slice(0, o.inputs);
      await registerBidders(requester, program, e3Id, bidders);
    },
    prove(i: number, b: DevBinding): Promise<Hex> {
      if (!bidders) throw new AuctionConfigError('register the bidders before proving bids');
      const id = bidders.findIndex((a) => a.toLowerCase() === b.submitter.toLowerCase()) + 1;
      if (id === 0) throw new AuctionConfigError('the submitter is not a registered bidder', { details: b.submitter });
      return serial(() => proveChainBid(circuit, { ...b, params: o.params, layout, bidder: b.submitter, id, level: levels[i]! }));
    },
    /** The decrypted words against the plaintext auction of the same bids. */
    check(words: readonly bigint[] | undefined): { result: string | null; expected: string; correct: boolean } {
      const expected = show(plainAuction(levels));
      if (!words) return { result: null, expected, correct: false };
      let result: string;
      try {
        result = show(outcomeOf(o.params, words));
      } catch (e) {
        if (e instanceof AuctionConfigError || (e instanceof Error && e.name === 'AuctionOutputError')) return { result: `not an auction output: ${e.message}`, expected, correct: false };
        throw e;
      }
      return { result, expected, correct: result === expected };
    },
    close: () => circuit.close(),
  };
}
