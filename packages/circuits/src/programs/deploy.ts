/**
 * Deploying a program input circuit's on-chain verifier (contracts/programs/ProgramInputAdapter.sol
 * sits in front of both): the circuit's UltraHonk verifier (libraries linked, G2 patched to the
 * CRS it was keyed with), and the parameter set's generated UserEncryptionInputVerifier, used by
 * the adapter only for its pure public-input builder (inputContext, publicInputs). The chain
 * transport is the caller's: `deploy` sends one creation transaction and returns the address.
 */
import { CircuitArtifactError } from '../errors.js';
import { linkBytecode } from '../verifier/solidity.js';
import { compileInputVerifier, encodeAddressArg, renderInputVerifier } from '../verifier/inputAdapter.js';
import type { ProgramInputCircuit } from './circuit.js';

export type HexAddress = `0x${string}`;
/** Sends a creation transaction with `bytecode` (hex, no 0x) and returns the new contract's address. */
export type CodeDeployer = (bytecode: string) => Promise<HexAddress>;

export type DeployedProgramVerifier = {
  /** The circuit's UltraHonk verifier (IHonkVerifier). */
  readonly honkVerifier: HexAddress;
  /** The parameter set's UserEncryptionInputVerifier (IUserEncryptionPublicInputs). */
  readonly encryption: HexAddress;
  readonly libraries: Readonly<Record<string, HexAddress>>;
};

const plain = (a: HexAddress): string => {
  if (!/^0x[0-9a-fA-F]{40}$/.test(a)) throw new CircuitArtifactError('deployer returned a malformed address', { details: a });
  return a.slice(2).toLowerCase();
};

export async function deployProgramVerifier(circuit: ProgramInputCircuit, deploy: CodeDeployer): Promise<DeployedProgramVerifier> {
  const v = circuit.circuit.solidity;
  const libraries: Record<string, HexAddress> = {};
  const linked: Record<string, string> = {};
  for (const lib of v.libraries) {
    libraries[lib.name] = await deploy(lib.bytecode);
    linked[lib.name] = plain(libraries[lib.name]!);
  }
  const honkVerifier = await deploy(linkBytecode(v, linked));
  const encryptionCode = compileInputVerifier(renderInputVerifier(circuit.layout), circuit.circuit.config.cacheDir);
  const encryption = await deploy(encryptionCode + encodeAddressArg(plain(honkVerifier)));
  return { honkVerifier, encryption, libraries };
}

/**
 * A CodeDeployer over a viem wallet + public client (structural: circuits does not depend on viem
 * at run time). Gas is set explicitly: the Honk verifiers are near the EIP-170 size limit.
 */
export function viemCodeDeployer(signer: {
  sendTransaction(tx: { data: HexAddress; gas: bigint }): Promise<HexAddress>;
  waitForTransactionReceipt(q: { hash: HexAddress }): Promise<{ status: string; contractAddress?: HexAddress | null }>;
}): CodeDeployer {
  return async (bytecode) => {
    const hash = await signer.sendTransaction({ data: `0x${bytecode.replace(/^0x/, '')}`, gas: 25_000_000n });
    const r = await signer.waitForTransactionReceipt({ hash });
    if (r.status !== 'success' || !r.contractAddress) throw new CircuitArtifactError('verifier deployment failed', { details: hash });
    return r.contractAddress;
  };
}
