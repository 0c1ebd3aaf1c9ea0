/**
 * getPublicKey: the committee key of an E3, checked before anyone encrypts to it. Reads the
 * PublicKeyPublished event and checks (1) keccak256(bytes) is the pkHash the chain stored, (2) the
 * bytes decode as a BFV public key of the E3's parameter set, (3) its Poseidon2 commitment (the
 * C5 format the input proofs use) is the pkCommitment the chain stored, and (4) where the
 * publication's proof can be read from its transaction, the E3's public-key verifier accepts it
 * again (eth_call at the publication block).
 */
import { decodePublicKey, type BfvParameters, type PublicKey } from '@interfold/bfv';
import { e3OrchestratorAbi, Stage } from '@interfold/contracts';
import { centredPublicKey, commitRnsPolys, DOMAINS, userEncryptionLayout } from '@interfold/circuits/user-encryption';
import { decodeFunctionData, hexToBytes, keccak256, parseAbi, toHex, type Hex } from 'viem';
import type { E3ClientBase } from '../client.js';
import { PublicKeyError, StageError } from '../errors.js';
import { parameterSetById } from '../params.js';
import { getE3 } from './getE3.js';

export type GetPublicKeyParameters = { e3Id: bigint };

export type GetPublicKeyReturnType = {
  publicKey: PublicKey;
  bytes: Hex;
  pkCommitment: Hex;
  params: BfvParameters;
  /** True when the publication's proof was re-verified by the E3's public-key verifier. */
  proofChecked: boolean;
  blockNumber: bigint;
};

const pkVerifierAbi = parseAbi(['function verifyPublicKey(uint256 e3Id, bytes32 pkCommitment, bytes publicKey, bytes proof) view returns (bool)']);

/** The C5-format commitment of a public key (what input proofs are made against). */
export function publicKeyCommitment(pk: PublicKey): Hex {
  const c = centredPublicKey(pk);
  const l = userEncryptionLayout(pk.params);
  return toHex(commitRnsPolys(DOMAINS.PK, [c.pk0, c.pk1], l.moduli, l.N), { size: 32 });
}

export async function getPublicKey(client: E3ClientBase, { e3Id }: GetPublicKeyParameters): Promise<GetPublicKeyReturnType> {
  const e3 = await getE3(client, { e3Id });
  if (e3.stage < Stage.KeyPublished || (e3.stage === Stage.Failed && e3.pkHash === toHex(0n, { size: 32 }))) {
    throw new StageError('the E3 has no public key yet', { details: `stage ${e3.stageName}` });
  }
  const logs = await client.publicClient.getContractEvents({
    address: client.deployment.contracts.orchestrator,
    abi: e3OrchestratorAbi,
    eventName: 'PublicKeyPublished',
    args: { e3Id },
    fromBlock: client.deployment.startBlock,
    toBlock: 'latest',
  });
  const log = logs[logs.length - 1];
  if (!log || log.args.publicKey === undefined || log.args.pkCommitment === undefined) throw new PublicKeyError('no PublicKeyPublished event for this E3', { details: `e3Id ${e3Id}` });
  const bytes = log.args.publicKey;
  if (keccak256(bytes) !== e3.pkHash) throw new PublicKeyError('the published key bytes do not hash to the stored pkHash', { details: `${keccak256(bytes)} != ${e3.pkHash}` });
  if (log.args.pkCommitment !== e3.pkCommitment) throw new PublicKeyError('the event and the stored pk commitment differ');
  const params = parameterSetById(e3.paramSet);
  let publicKey: PublicKey;
  try {
    publicKey = decodePublicKey(params, hexToBytes(bytes));
  } catch (cause) {
    throw new PublicKeyError('the published key does not decode for the E3 parameter set', { details: params.name, cause });
  }
  const commitment = publicKeyCommitment(publicKey);
  if (commitment.toLowerCase() !== e3.pkCommitment.toLowerCase()) {
    throw new PublicKeyError('the published key does not match its on-chain commitment', { details: `computed ${commitment}, chain ${e3.pkCommitment}` });
  }
  let proofChecked = false;
  try {
    const tx = await client.publicClient.getTransaction({ hash: log.transactionHash! });
    if (tx.to?.toLowerCase() === client.deployment.contracts.orchestrator.toLowerCase()) {
      const call = decodeFunctionData({ abi: e3OrchestratorAbi, data: tx.input });
      if (call.functionName === 'publishPublicKey') {
        const [, , , proof] = call.args;
        const ok = await client.publicClient.readContract({
          address: e3.pkVerifier,
          abi: pkVerifierAbi,
          functionName: 'verifyPublicKey',
          args: [e3Id, e3.pkCommitment, bytes, proof],
          blockNumber: log.blockNumber!,
        });
        if (!ok) throw new PublicKeyError('the public-key verifier rejects the published proof');
        proofChecked = true;
      }
    }
  } catch (e) {
    if (e instanceof PublicKeyError) throw e;
    // The transaction is unreadable (pruned, or sent through a contract): the chain's own check stands.
  }
  return { publicKey, bytes, pkCommitment: e3.pkCommitment, params, proofChecked, blockNumber: log.blockNumber! };
}
