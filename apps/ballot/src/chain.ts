/**
 * The ballot on chain (docs/apps/ballot.md "On chain"): BallotProgram + its ProgramInputAdapter
 * in front of the ballot circuit's verifier (contracts/programs), the poll's allowlist root fixed
 * by the requester before inputs open, and a voter's ballot encrypted under the E3's key, proved
 * (one-hot, listed voter, bound to (chainId, orchestrator, e3Id, voter)) and encoded as the
 * adapter's input. A refused input's reason comes from the adapter's `inputStatus`.
 */
import { encryptWithWitness, type BfvParameters, type PublicKey } from '@interfold/bfv';
import {
  BallotCircuit,
  centredCiphertext,
  deployProgramVerifier,
  encodeCiphertext,
  encodeProgramInput,
  inputContext,
  programInputStatus,
  viemCodeDeployer,
  type DeployedProgramVerifier,
} from '@interfold/circuits';
import { ballotProgramAbi, confirm, deployProgram, programInputAdapterAbi, type Deployment, type ProgramDeployment, type Signer } from '@interfold/contracts';
import { toHex, type Address, type Hex, type PublicClient } from 'viem';
import type { Poll } from './config.js';
import { encodeBallot } from './encode.js';
import { BallotConfigError } from './errors.js';
import { ballotProgram } from './program.js';

export type BallotDeployment = ProgramDeployment & { verifier: DeployedProgramVerifier };

/** Deploys the circuit's verifier, BallotProgram and its adapter; registers the program. */
export async function deployBallot(deployer: Signer, deployment: Deployment, circuit: BallotCircuit, name: string = ballotProgram.name): Promise<BallotDeployment> {
  const verifier = await deployProgramVerifier(circuit.inner, viemCodeDeployer(deployer));
  const p = await deployProgram(deployer, deployment, { kind: 'ballot', name, encryption: verifier.encryption, honkVerifier: verifier.honkVerifier });
  return { ...p, verifier };
}

/** The requester fixes the allowlist root of an E3 of this program, before its inputs open. */
export async function configurePoll(requester: Signer, program: Address, e3Id: bigint, poll: Poll): Promise<void> {
  if (poll.allowlist.depth !== poll.shape.depth) throw new BallotConfigError('allowlist depth does not match the poll shape');
  await confirm(requester, await requester.writeContract({ address: program, abi: ballotProgramAbi, functionName: 'configure', args: [e3Id, toHex(poll.allowlist.root, { size: 32 })] }));
}

export type BallotBinding = { readonly chainId: number; readonly orchestrator: Address; readonly e3Id: bigint };

/**
 * A voter's ballot for one E3: encrypted under the E3's key, proved against the poll's allowlist
 * for `voter`, as the adapter's `data`. An invalid choice or an unlisted voter is a typed error
 * before anything is proved.
 */
export async function proveBallot(
  circuit: BallotCircuit,
  o: BallotBinding & { readonly params: BfvParameters; readonly publicKey: PublicKey; readonly poll: Poll; readonly voter: Address; readonly choice: number | string },
): Promise<Hex> {
  const { ciphertext, witness } = encryptWithWitness(o.params, o.publicKey, encodeBallot(o.params, o.poll, o.choice));
  const context = inputContext({ chainId: o.chainId, orchestrator: o.orchestrator, e3Id: o.e3Id, submitter: o.voter });
  const proof = await circuit.prove(witness, { context }, o.voter, o.poll.allowlist);
  return encodeProgramInput(encodeCiphertext(centredCiphertext(ciphertext), circuit.inner.layout), proof, o.voter);
}

/** Why the adapter would refuse `data` from `submitter` (status 'Accepted' if it would not). */
export async function ballotInputStatus(reader: PublicClient, adapter: Address, e3Id: bigint, pkCommitment: Hex, submitter: Address, data: Hex) {
  const code = await reader.readContract({ address: adapter, abi: programInputAdapterAbi, functionName: 'inputStatus', args: [e3Id, pkCommitment, submitter, data] });
  return programInputStatus(code);
}
