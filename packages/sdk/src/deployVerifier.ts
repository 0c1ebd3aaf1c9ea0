/**
 * Deploys the real input verifier of a parameter set on a chain: the UltraHonk verifier of the
 * user-encryption circuit (its libraries linked; G2 patched to the CRS it was made for) and the
 * generated UserEncryptionInputVerifier in front of it. Pass the returned `inputVerifier` to
 * contracts' deployInterfold({ userEncryptionVerifier }), which deploys and approves the calldata
 * and blob adapters — the default path approves no stand-in for inputs.
 */
import type { BfvParameters } from '@interfold/bfv';
import { encodeAddressArg, linkBytecode, userEncryptionFor, type ZkConfig } from '@interfold/circuits';
import { getAddress, type Account, type Address, type Chain, type Hex, type Transport, type WalletClient, type PublicActions } from 'viem';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E3ClientError } from './errors.js';
import type { BrowserCircuit } from './prover/browser.js';

export type DeployedInputVerifier = { honkVerifier: Address; inputVerifier: Address; libraries: Record<string, Address> };

type Deployer = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>;

async function deployCode(signer: Deployer, bytecode: string): Promise<Address> {
  const hash = await signer.sendTransaction({ data: `0x${bytecode.replace(/^0x/, '')}` as Hex, gas: 25_000_000n });
  const r = await signer.waitForTransactionReceipt({ hash });
  if (r.status !== 'success' || !r.contractAddress) throw new E3ClientError('verifier deployment failed', { details: hash });
  return getAddress(r.contractAddress);
}

export async function deployUserEncryptionVerifier(signer: Deployer, params: BfvParameters, config: ZkConfig = {}): Promise<DeployedInputVerifier> {
  const ue = await userEncryptionFor(params, config);
  const v = ue.circuit.circuit.solidity;
  const libs: Record<string, Address> = {};
  const plain: Record<string, string> = {};
  for (const lib of v.libraries) {
    libs[lib.name] = await deployCode(signer, lib.bytecode);
    plain[lib.name] = libs[lib.name]!.slice(2).toLowerCase();
  }
  const honkVerifier = await deployCode(signer, linkBytecode(v, plain));
  const inputVerifier = await deployCode(signer, ue.circuit.inputVerifierBytecode + encodeAddressArg(honkVerifier.slice(2).toLowerCase()));
  return { honkVerifier, inputVerifier, libraries: libs };
}

/**
 * What a web page needs to prove in the browser (serve it from the app's server): the compiled
 * circuit, its verification key, and the CRS points it was keyed with (the first `points` G1
 * points — circuit size + 1 — and [tau]G2).
 */
export async function browserCircuitAssets(params: BfvParameters, config: ZkConfig = {}): Promise<BrowserCircuit & { crs: { g1: Uint8Array; g2: Uint8Array } }> {
  const ue = await userEncryptionFor(params, config);
  const c = ue.circuit.circuit;
  const points = c.stats.dyadic + 1;
  const g1 = readFileSync(join(c.crs.path, 'bn254_g1.dat')).subarray(0, points * 64);
  const g2 = readFileSync(join(c.crs.path, 'bn254_g2.dat'));
  return { program: { bytecode: c.program.bytecode, abi: c.program.abi }, vk: Uint8Array.from(c.vk), crs: { g1: Uint8Array.from(g1), g2: Uint8Array.from(g2) } };
}
