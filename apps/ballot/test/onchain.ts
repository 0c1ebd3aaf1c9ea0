/**
 * Shared by the apps' on-chain tests (apps/ballot, apps/datapool): the contracts fixture (anvil,
 * full deployment, funded operators), an E3 of a given program and input verifier brought to
 * KeyPublished with a REAL BFV public key (INSECURE_N512) whose commitment is what the chain
 * stores, so real program proofs verify against it.
 */
import { bfvParameters, genPublicKey, genSecretKey, INSECURE_N512, type PublicKey } from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { AttestationKind, devAccount, e3OrchestratorAbi, pkAttestationHash, walletFor, type Signer } from '@interfold/contracts';
import { publicKeyCommitment } from '@interfold/sdk';
import { toHex, type Address, type Hex } from 'viem';
import * as H from '../../../packages/contracts/test/helpers.js';

export { H };
export const params = bfvParameters(INSECURE_N512);

export type KeyedE3 = { e3Id: bigint; pkCommitment: Hex };

/** A fixed key for the tests (the committee's key stand-in: the DKG is not under test here). */
export function testKey(label: string): PublicKey {
  const src = new SeededSource('apps-onchain', label);
  return genPublicKey(params, genSecretKey(params, src), { src });
}

/** Requests an E3 of `programId` with `inputVerifier`, runs `beforeInputs` (e.g. configure), forms the committee and publishes `pk`. */
export async function keyedE3(f: H.Fixture, o: { programId: bigint; inputVerifier: Address; pk: PublicKey; beforeInputs?: (e3Id: bigint) => Promise<void> }): Promise<KeyedE3> {
  const e3Id = await H.requestE3(f, { programId: o.programId, inputVerifier: o.inputVerifier });
  await o.beforeInputs?.(e3Id);
  const members = await H.formCommittee(f, e3Id);
  const e = await H.getE3(f, e3Id);
  const pkCommitment = publicKeyCommitment(o.pk);
  const pkBytes = toHex(new TextEncoder().encode('pk bytes are not under test'));
  const proof = await H.quorumProof(f, H.memberAccounts(f, members).slice(0, e.threshold + 1), e3Id, AttestationKind.PublicKey, pkAttestationHash(pkCommitment, pkBytes));
  await H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishPublicKey', [e3Id, pkBytes, pkCommitment, proof]);
  await H.warpTo(f, e.schedule.inputStart);
  return { e3Id, pkCommitment };
}

/** Submits an input from `who`. */
export const publishInput = (f: H.Fixture, who: Signer, e3Id: bigint, data: Hex) => H.tx(who, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishInput', [e3Id, data]);

/** A wallet of anvil dev account `i` (the fixture uses 0..5 and 6.. for operators). */
export const devWallet = (f: H.Fixture, i: number): Signer => walletFor(f.anvil.rpcUrl, f.chainId, devAccount(i));
