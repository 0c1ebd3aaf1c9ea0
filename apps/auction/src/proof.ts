/**
 * Bids with validity proofs (noir/auction_bid, packages/circuits AuctionBidCircuit; docs/apps/
 * auction.md "What is checked and what is proved"): a bidder encrypts its three vectors with
 * witnesses and proves, in one UltraHonk proof, that they encrypt the encoding of one level in
 * 1..K for its id, bound to `context` = inputContext(chainId, orchestrator, e3Id, submitter).
 * The verifier rebuilds every public input from the ciphertexts, the key commitment, the context
 * and the bidder's registered id.
 */
import { encryptWithWitness, type BfvParameters, type PublicKey } from '@interfold/bfv';
import { centredCiphertext, centredPublicKey, commitRnsPolys, DOMAINS, type AuctionBidCircuit, type AuctionBidWitness, type Proof } from '@interfold/circuits';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import type { BidPlaintexts, EncryptedBid } from './bid.js';
import { AuctionConfigError } from './errors.js';
import type { AuctionLayout } from './layout.js';

export type ProvedBid = { readonly bid: EncryptedBid; readonly proof: Proof };

function checkCircuit(circuit: AuctionBidCircuit, params: BfvParameters, layout: AuctionLayout): void {
  if (circuit.shape.levels !== layout.levels || circuit.layout.N !== params.N || circuit.layout.t !== params.t) {
    throw new AuctionConfigError('The bid circuit was built for another parameter set or level count', { details: `circuit N = ${circuit.layout.N}, K = ${circuit.shape.levels}; auction N = ${params.N}, K = ${layout.levels}` });
  }
}

/**
 * Encrypts the bid plaintexts of bidder `id` under pk and proves them valid for `context`. An
 * invalid bid is a CircuitInputError before anything is proved (`strict`, the default);
 * `strict: false` lets tests hand an invalid bid to the circuit, which must refuse it.
 */
export async function proveBid(
  circuit: AuctionBidCircuit,
  o: { params: BfvParameters; layout: AuctionLayout; pk: PublicKey; pts: BidPlaintexts; id: number; context: bigint; src?: RandomSource; strict?: boolean },
): Promise<ProvedBid> {
  checkCircuit(circuit, o.params, o.layout);
  const src = o.src ?? cryptoSource;
  const x = encryptWithWitness(o.params, o.pk, o.pts.x, src);
  const w = encryptWithWitness(o.params, o.pk, o.pts.w, src);
  const y = encryptWithWitness(o.params, o.pk, o.pts.y, src);
  const witness: AuctionBidWitness = { x: x.witness, w: w.witness, y: y.witness };
  const proof = await circuit.prove(witness, { context: o.context }, BigInt(o.id), o.strict ?? true);
  return { bid: Object.freeze({ bidder: o.id, x: x.ciphertext, w: w.ciphertext, y: y.ciphertext }), proof };
}

/** Verifies a bid's proof for the bidder's registered id, the E3's key commitment and the context. */
export function verifyBid(circuit: AuctionBidCircuit, pkCommitment: bigint, b: ProvedBid, context: bigint, id: number) {
  const cts = { x: centredCiphertext(b.bid.x), w: centredCiphertext(b.bid.w), y: centredCiphertext(b.bid.y) };
  return circuit.verify(pkCommitment, cts, b.proof, context, BigInt(id));
}

/** The C5-format commitment of the threshold key (what bid proofs are made against). */
export function bidKeyCommitment(pk: PublicKey): bigint {
  const c = centredPublicKey(pk);
  return commitRnsPolys(DOMAINS.PK, [c.pk0, c.pk1], pk.params.moduli, pk.params.N);
}
