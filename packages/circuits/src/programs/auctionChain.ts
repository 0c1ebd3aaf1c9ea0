/**
 * The auction bid circuit on chain (contracts/programs/AuctionProgram.sol, AuctionBidAdapter):
 * deploying its verifier and the parameter set's public-input builder, and the pieces of a bid's
 * `data` (three canonical ciphertext encodings, the proof, the per-ciphertext challenges) that
 * @interfold/contracts' `encodeAuctionBidInput` ABI-encodes.
 */
import { CircuitInputError } from '../errors.js';
import { linkBytecode } from '../verifier/solidity.js';
import { compileInputVerifier, encodeAddressArg, renderInputVerifier } from '../verifier/inputAdapter.js';
import { encodeCiphertext } from '../userEncryption/ciphertext.js';
import type { Proof } from '../circuit.js';
import { AUCTION_BID_PUBLIC_INPUTS, BID_VECTORS, type AuctionBidCircuit, type AuctionBidCiphertexts } from './auction.js';
import type { CodeDeployer, DeployedProgramVerifier, HexAddress } from './deploy.js';

const plain = (a: HexAddress): string => {
  if (!/^0x[0-9a-fA-F]{40}$/.test(a)) throw new CircuitInputError('deployer returned a malformed address', { details: a });
  return a.slice(2).toLowerCase();
};

/** The bid circuit's UltraHonk verifier (libraries linked) and the UserEncryptionInputVerifier of its parameter set. */
export async function deployAuctionBidVerifier(circuit: AuctionBidCircuit, deploy: CodeDeployer): Promise<DeployedProgramVerifier> {
  const v = circuit.circuit.solidity;
  const libraries: Record<string, HexAddress> = {};
  const linked: Record<string, string> = {};
  for (const lib of v.libraries) {
    libraries[lib.name] = await deploy(lib.bytecode);
    linked[lib.name] = plain(libraries[lib.name]!);
  }
  const honkVerifier = await deploy(linkBytecode(v, linked));
  const code = compileInputVerifier(renderInputVerifier(circuit.layout), circuit.circuit.config.cacheDir);
  const encryption = await deploy(code + encodeAddressArg(plain(honkVerifier)));
  return { honkVerifier, encryption, libraries };
}

const hex = (b: Uint8Array): `0x${string}` => `0x${Buffer.from(b).toString('hex')}`;
const be = (b: Uint8Array): bigint => b.reduce((v, x) => (v << 8n) | BigInt(x), 0n);

export type AuctionBidParts = {
  x: `0x${string}`;
  w: `0x${string}`;
  y: `0x${string}`;
  proof: `0x${string}`;
  alpha: [bigint, bigint, bigint];
  gamma: [bigint, bigint, bigint];
};

/** What AuctionBidAdapter reads from a bid besides the submitter (canonical encodings checked here). */
export function auctionBidParts(circuit: AuctionBidCircuit, cts: AuctionBidCiphertexts, proof: Proof): AuctionBidParts {
  if (proof.publicInputs.length !== AUCTION_BID_PUBLIC_INPUTS) throw new CircuitInputError(`an auction bid proof carries ${AUCTION_BID_PUBLIC_INPUTS} public inputs`);
  const [x, w, y] = BID_VECTORS.map((v) => hex(encodeCiphertext(cts[v], circuit.layout)));
  const at = (k: number) => [0, 1, 2].map((i) => be(proof.publicInputs[6 * i + k]!)) as [bigint, bigint, bigint];
  return { x: x!, w: w!, y: y!, proof: hex(proof.proof), alpha: at(2), gamma: at(3) };
}
