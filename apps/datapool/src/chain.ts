/**
 * The data pool on chain (docs/apps/datapool.md "On chain"): DataPoolProgram + its
 * ProgramInputAdapter in front of the data-pool circuit's verifier (contracts/programs). The
 * circuit compiles the number of fields and the count bound in, so the adapter chosen at request
 * pins them; the requester fixes the minimum number of distinct contributors before inputs open.
 * A contribution is encrypted under the E3's key, proved (every count in [0, maxCount], bound to
 * (chainId, orchestrator, e3Id, submitter)) and encoded as the adapter's input.
 */
import { encryptWithWitness, type BfvParameters, type PublicKey } from '@interfold/bfv';
import {
  centredCiphertext,
  DataPoolCircuit,
  deployProgramVerifier,
  encodeCiphertext,
  encodeProgramInput,
  inputContext,
  programInputStatus,
  viemCodeDeployer,
  type DeployedProgramVerifier,
} from '@interfold/circuits';
import { confirm, dataPoolProgramAbi, deployProgram, programInputAdapterAbi, type Deployment, type ProgramDeployment, type Signer } from '@interfold/contracts';
import type { Address, Hex, PublicClient } from 'viem';
import { checkDataPoolConfig, type DataPoolConfig } from './config.js';
import { encodeContribution, type Counts } from './encode.js';
import { DataPoolConfigError } from './errors.js';
import { dataPoolProgram } from './program.js';

export type DataPoolDeployment = ProgramDeployment & { verifier: DeployedProgramVerifier };

/** The data-pool circuit of a pool's shape (fields, maxCount), compiled and keyed once, then cached. */
export function dataPoolCircuit(params: BfvParameters, c: DataPoolConfig): Promise<DataPoolCircuit> {
  checkDataPoolConfig(params, c);
  return DataPoolCircuit.load(params, { fields: c.fields.length, maxCount: c.maxCount });
}

/** Deploys the circuit's verifier, DataPoolProgram and its adapter; registers the program. */
export async function deployDataPool(deployer: Signer, deployment: Deployment, circuit: DataPoolCircuit, name: string = dataPoolProgram.name): Promise<DataPoolDeployment> {
  const verifier = await deployProgramVerifier(circuit.inner, viemCodeDeployer(deployer));
  const p = await deployProgram(deployer, deployment, { kind: 'datapool', name, encryption: verifier.encryption, honkVerifier: verifier.honkVerifier });
  return { ...p, verifier };
}

/** The requester fixes the minimum number of distinct contributors, before inputs open. */
export async function configurePool(requester: Signer, program: Address, e3Id: bigint, c: DataPoolConfig): Promise<void> {
  if (c.minContributors < 1 || c.minContributors > 2 ** 32 - 1) throw new DataPoolConfigError('minContributors must fit a uint32 and be at least 1', { details: String(c.minContributors) });
  await confirm(requester, await requester.writeContract({ address: program, abi: dataPoolProgramAbi, functionName: 'configure', args: [e3Id, c.minContributors] }));
}

export type PoolBinding = { readonly chainId: number; readonly orchestrator: Address; readonly e3Id: bigint };

/** A contribution for one E3, encrypted, proved and encoded; an out-of-range count is a typed error first. */
export async function proveContribution(
  circuit: DataPoolCircuit,
  o: PoolBinding & { readonly params: BfvParameters; readonly publicKey: PublicKey; readonly config: DataPoolConfig; readonly submitter: Address; readonly counts: Counts },
): Promise<Hex> {
  const { ciphertext, witness } = encryptWithWitness(o.params, o.publicKey, encodeContribution(o.params, o.config, o.counts));
  const context = inputContext({ chainId: o.chainId, orchestrator: o.orchestrator, e3Id: o.e3Id, submitter: o.submitter });
  const proof = await circuit.prove(witness, { context });
  return encodeProgramInput(encodeCiphertext(centredCiphertext(ciphertext), circuit.inner.layout), proof, o.submitter);
}

/** Why the adapter would refuse `data` from `submitter` (status 'Accepted' if it would not). */
export async function poolInputStatus(reader: PublicClient, adapter: Address, e3Id: bigint, pkCommitment: Hex, submitter: Address, data: Hex) {
  const code = await reader.readContract({ address: adapter, abi: programInputAdapterAbi, functionName: 'inputStatus', args: [e3Id, pkCommitment, submitter, data] });
  return programInputStatus(code);
}
