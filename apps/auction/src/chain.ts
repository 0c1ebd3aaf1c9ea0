/**
 * The auction on chain (docs/apps/auction.md "On chain"): AuctionProgram + its AuctionBidAdapter
 * in front of the bid circuit's verifier (contracts/programs/AuctionProgram.sol), the bidders
 * registered by the requester before inputs open (bidder i of the list has id i + 1), and a
 * bidder's bid encrypted under the E3's key, proved (one level in 1..K, its registered id, bound
 * to (chainId, orchestrator, e3Id, bidder)) and encoded as the adapter's input. A refused bid's
 * reason comes from the adapter's `inputStatus`.
 */
import type { BfvParameters, PublicKey } from '@interfold/bfv';
import { auctionBidParts, centredCiphertext, deployAuctionBidVerifier, inputContext, viemCodeDeployer, type AuctionBidCircuit, type DeployedProgramVerifier } from '@interfold/circuits';
import { auctionBidAdapterAbi, auctionBidStatus, auctionProgramAbi, confirm, deployAuction, encodeAuctionBidInput, type AuctionDeployment, type Deployment, type Signer } from '@interfold/contracts';
import { getAddress, type Address, type Hex, type PublicClient } from 'viem';
import { encodeBid } from './bid.js';
import { AuctionConfigError } from './errors.js';
import type { AuctionLayout } from './layout.js';
import { proveBid } from './proof.js';

export type AuctionChainDeployment = AuctionDeployment & { verifier: DeployedProgramVerifier };

/** Deploys the bid circuit's verifier, AuctionProgram (cap = layout.maxBidders) and its adapter; registers the program. */
export async function deployAuctionProgram(deployer: Signer, deployment: Deployment, circuit: AuctionBidCircuit, layout: AuctionLayout, name = 'auction/first-price/v1'): Promise<AuctionChainDeployment> {
  if (circuit.shape.levels !== layout.levels) throw new AuctionConfigError('The bid circuit was built for another level count', { details: `${circuit.shape.levels} != ${layout.levels}` });
  const verifier = await deployAuctionBidVerifier(circuit, viemCodeDeployer(deployer));
  const p = await deployAuction(deployer, deployment, { name, maxBidders: layout.maxBidders, encryption: verifier.encryption, honkVerifier: verifier.honkVerifier });
  return { ...p, verifier };
}

/** The requester registers the bidders of an E3 (ids = 1-based positions), before its inputs open. */
export async function registerBidders(requester: Signer, program: Address, e3Id: bigint, bidders: readonly Address[]): Promise<void> {
  await confirm(requester, await requester.writeContract({ address: program, abi: auctionProgramAbi, functionName: 'configure', args: [e3Id, bidders.map((b) => getAddress(b))] }));
}

/** A registered bidder's id (0: not registered). */
export async function bidderIdOf(reader: PublicClient, program: Address, e3Id: bigint, bidder: Address): Promise<number> {
  return reader.readContract({ address: program, abi: auctionProgramAbi, functionName: 'bidderId', args: [e3Id, bidder] });
}

export type AuctionBinding = { readonly chainId: number; readonly orchestrator: Address; readonly e3Id: bigint };

/**
 * A bid at `level` by `bidder` (registered id `id`) for one E3: encrypted under the E3's key,
 * proved, as the adapter's `data`. An invalid level or id is a typed error before anything is proved.
 */
export async function proveChainBid(
  circuit: AuctionBidCircuit,
  o: AuctionBinding & { readonly params: BfvParameters; readonly layout: AuctionLayout; readonly publicKey: PublicKey; readonly bidder: Address; readonly id: number; readonly level: number },
): Promise<Hex> {
  const context = inputContext({ chainId: o.chainId, orchestrator: o.orchestrator, e3Id: o.e3Id, submitter: o.bidder });
  const pts = encodeBid(o.params, o.layout, o.level, o.id);
  const { bid, proof } = await proveBid(circuit, { params: o.params, layout: o.layout, pk: o.publicKey, pts, id: o.id, context });
  const parts = auctionBidParts(circuit, { x: centredCiphertext(bid.x), w: centredCiphertext(bid.w), y: centredCiphertext(bid.y) }, proof);
  return encodeAuctionBidInput({ ...parts, submitter: getAddress(o.bidder) });
}

/** Why the adapter would refuse `data` from `submitter` (name 'Accepted' if it would not). */
export async function bidInputStatus(reader: PublicClient, adapter: Address, e3Id: bigint, pkCommitment: Hex, submitter: Address, data: Hex) {
  const code = await reader.readContract({ address: adapter, abi: auctionBidAdapterAbi, functionName: 'inputStatus', args: [e3Id, pkCommitment, submitter, data] });
  return auctionBidStatus(code);
}
