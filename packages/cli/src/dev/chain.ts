/**
 * The chain half of `e3 dev`: anvil (contracts' startAnvil), every contract deployed with
 * deployInterfold's defaults (its verifier choices are the contracts package's to make), the
 * chosen parameter set allowed, and the requester and input submitters funded with fee tokens.
 */
import { parseEther, type Address } from 'viem';
import type { DecryptionDeployment } from './decryption.js';
import type { KeyFoldDeployment } from './keyFold.js';
import {
  confirm,
  deployInterfold,
  devAccount,
  paramSetId,
  startAnvil,
  testClientFor,
  testTokenAbi,
  walletFor,
  type AnvilInstance,
  type Deployment,
  type Signer,
} from '@interfold/contracts';

/** anvil dev-account roles (its public mnemonic; never for value). */
export const DEV_ROLES = { deployer: 0, treasury: 1, requester: 2, firstSubmitter: 3 } as const;

export type LocalChain = {
  anvil: AnvilInstance;
  deployment: Deployment;
  deployer: Signer;
  requester: Signer;
  submitters: Signer[];
  signer(index: number): Signer;
};

export async function startLocalChain(opts: { submitters: number }): Promise<AnvilInstance> {
  return startAnvil({ accounts: Math.max(20, DEV_ROLES.firstSubmitter + opts.submitters + 1) });
}

export const devSigner = (anvil: AnvilInstance, i: number): Signer => walletFor(anvil.rpcUrl, anvil.chainId, devAccount(i));

/**
 * Deploys with deployInterfold's defaults plus what a whole E3 needs: the parameter set allowed,
 * the real user-encryption input verifier (already deployed by the SDK's
 * deployUserEncryptionVerifier) and the dev program, which the daemons run as `sum`.
 */
export async function deployLocal(
  anvil: AnvilInstance,
  opts: {
    paramSets: readonly string[];
    submitters: number;
    userEncryptionVerifier: Address;
    /**
     * The plaintext's verifiers (decryption.ts): the C6 / C7 verifiers for a DecryptionProofAdapter,
     * or (--fold) the fold's for a DecryptionAggregateAdapter, approved for plaintexts.
     */
    decryption?: DecryptionDeployment;
    /** --fold: the key fold's verifier, for a PkAggregateAdapter approved for public keys (decryption.ts). */
    keyFold?: KeyFoldDeployment;
  },
): Promise<LocalChain> {
  const signer = (i: number): Signer => devSigner(anvil, i);
  const deployer = signer(DEV_ROLES.deployer);
  const deployment = await deployInterfold({
    deployer,
    treasury: devAccount(DEV_ROLES.treasury).address,
    config: { paramSets: opts.paramSets.map(paramSetId) },
    userEncryptionVerifier: opts.userEncryptionVerifier,
    ...opts.decryption,
    ...opts.keyFold,
    devProgram: true,
  });
  const requester = signer(DEV_ROLES.requester);
  const submitters = Array.from({ length: opts.submitters }, (_, i) => signer(DEV_ROLES.firstSubmitter + i));
  // The requester pays the fee in the fee token: mint and approve the orchestrator once.
  await mintAndApprove(deployment, deployer, requester, parseEther('1000'));
  return { anvil, deployment, deployer, requester, submitters, signer };
}

export async function mintAndApprove(deployment: Deployment, deployer: Signer, to: Signer, amount: bigint): Promise<void> {
  const token = deployment.contracts.feeToken;
  await confirm(deployer, await deployer.writeContract({ address: token, abi: testTokenAbi, functionName: 'mint', args: [to.account.address, amount] }));
  await confirm(to, await to.writeContract({ address: token, abi: testTokenAbi, functionName: 'approve', args: [deployment.contracts.orchestrator, amount] }));
}

/** Gives freshly generated operator addresses ETH for gas (anvil_setBalance). */
export async function fundGas(anvil: AnvilInstance, addresses: readonly Address[], wei = parseEther('100')): Promise<void> {
  const test = testClientFor(anvil.rpcUrl, anvil.chainId);
  for (const a of addresses) await test.setBalance({ address: a, value: wei });
}
