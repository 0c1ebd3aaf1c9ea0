/**
 * The sealed-bid auction on chain (contracts/programs/AuctionProgram.sol; apps/auction,
 * docs/apps/auction.md): ABIs, the bid input layout AuctionBidAdapter reads, its refusal reasons,
 * and a deploy helper (program + adapter in front of the bid circuit's Honk verifier, adapter
 * approved for inputs, program registered) in the manner of `deployProgram` for the ballot.
 */
import { decodeAbiParameters, encodeAbiParameters, getAddress, type Address, type Hex } from 'viem';
import * as A from './generated/artifacts.js';
import { confirm, type Signer } from './clients.js';
import { DeploymentError, InvalidArgumentError } from './errors.js';
import { VerifierKind } from './types.js';
import type { Deployment } from './deploy.js';

export { auctionProgramAbi, auctionProgramBytecode, auctionBidAdapterAbi, auctionBidAdapterBytecode } from './generated/artifacts.js';

/** AuctionBidAdapter.InputStatus, in declaration order, with what each means. */
export const AUCTION_BID_STATUS = [
  { name: 'Accepted', reason: 'accepted' },
  { name: 'NotConfigured', reason: 'the requester has not registered the bidders of this E3' },
  { name: 'SubmitterMismatch', reason: 'the bid names another submitter than the account submitting it (a copied bid)' },
  { name: 'MalformedInput', reason: 'the bid is not the adapter layout, or a ciphertext is not canonical' },
  { name: 'ProofRejected', reason: 'the proof does not hold for these ciphertexts, key, E3, submitter and bidder id (not one level in 1..K, another id, or made for another input)' },
  { name: 'NotRegistered', reason: 'the submitter is not a registered bidder of this E3' },
  { name: 'AlreadyBid', reason: 'the submitter already has an accepted bid (one bid per bidder)' },
] as const;

export type AuctionBidStatus = (typeof AUCTION_BID_STATUS)[number];

export function auctionBidStatus(code: number | bigint): AuctionBidStatus {
  const s = AUCTION_BID_STATUS[Number(code)];
  if (s === undefined) throw new InvalidArgumentError('unknown auction bid status', { details: String(code) });
  return s;
}

/** One bid as AuctionBidAdapter takes it: three canonical ciphertext encodings, the proof, its challenges. */
export type AuctionBidInput = {
  readonly x: Hex;
  readonly w: Hex;
  readonly y: Hex;
  readonly proof: Hex;
  /** Per ciphertext (X, W, Y): the proof's alpha and gamma public inputs. */
  readonly alpha: readonly [bigint, bigint, bigint];
  readonly gamma: readonly [bigint, bigint, bigint];
  readonly submitter: Address;
};

const LAYOUT = [
  { type: 'bytes' },
  { type: 'bytes' },
  { type: 'bytes' },
  { type: 'bytes' },
  { type: 'uint256[3]' },
  { type: 'uint256[3]' },
  { type: 'address' },
] as const;

/** `data` = abi.encode(bytes ctX, bytes ctW, bytes ctY, bytes proof, uint256[3] alpha, uint256[3] gamma, address submitter). */
export function encodeAuctionBidInput(b: AuctionBidInput): Hex {
  return encodeAbiParameters(LAYOUT, [b.x, b.w, b.y, b.proof, [...b.alpha] as [bigint, bigint, bigint], [...b.gamma] as [bigint, bigint, bigint], b.submitter]);
}

/** The inverse of encodeAuctionBidInput (nodes reading a bid); InvalidArgumentError if `data` is not that layout. */
export function decodeAuctionBidInput(data: Hex): AuctionBidInput {
  try {
    const [x, w, y, proof, alpha, gamma, submitter] = decodeAbiParameters(LAYOUT, data);
    return { x, w, y, proof, alpha: [...alpha] as [bigint, bigint, bigint], gamma: [...gamma] as [bigint, bigint, bigint], submitter: getAddress(submitter) };
  } catch (cause) {
    throw new InvalidArgumentError('not an auction bid input', { cause });
  }
}

export type AuctionDeployment = { programId: bigint; program: Address; inputAdapter: Address };

/**
 * Deploys AuctionProgram (bidder cap `maxBidders`, the layout's, < t) and its AuctionBidAdapter in
 * front of the bid circuit's UltraHonk verifier (`honkVerifier`; `encryption` is the parameter
 * set's generated UserEncryptionInputVerifier, used for its public-input builder), approves the
 * adapter for inputs and registers the program under `name`. `deployer` owns the orchestrator and
 * the program registry.
 */
export async function deployAuction(
  deployer: Signer,
  deployment: Deployment,
  o: { name: string; maxBidders: number; encryption: Address; honkVerifier: Address },
): Promise<AuctionDeployment> {
  if (!Number.isSafeInteger(o.maxBidders) || o.maxBidders < 1 || o.maxBidders >= 2 ** 32) throw new InvalidArgumentError('maxBidders must be in [1, 2^32)', { details: String(o.maxBidders) });
  const { orchestrator, programRegistry } = deployment.contracts;
  const created = async (hash: Hex): Promise<Address> => {
    const r = await confirm(deployer, hash);
    if (!r.contractAddress) throw new DeploymentError('no contract address in receipt', { details: hash });
    return getAddress(r.contractAddress);
  };
  const program = await created(await deployer.deployContract({ abi: A.auctionProgramAbi, bytecode: A.auctionProgramBytecode, args: [orchestrator, o.maxBidders] }));
  const inputAdapter = await created(await deployer.deployContract({ abi: A.auctionBidAdapterAbi, bytecode: A.auctionBidAdapterBytecode, args: [orchestrator, o.encryption, o.honkVerifier, program] }));
  await confirm(deployer, await deployer.writeContract({ address: orchestrator, abi: A.e3OrchestratorAbi, functionName: 'setVerifierApproval', args: [inputAdapter, VerifierKind.Input] }));
  await confirm(deployer, await deployer.writeContract({ address: programRegistry, abi: A.programRegistryAbi, functionName: 'registerProgram', args: [program, o.name] }));
  const programId = await deployer.readContract({ address: programRegistry, abi: A.programRegistryAbi, functionName: 'programCount' });
  return { programId, program, inputAdapter };
}
