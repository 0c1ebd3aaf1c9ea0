/** viem clients for an Interfold chain (anvil in development and tests). */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  publicActions,
  type Account,
  type Chain,
  type Hash,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
  type PublicActions,
  type TransactionReceipt,
} from 'viem';
import { mnemonicToAccount, type HDAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from './anvil.js';
import { DeploymentError } from './errors.js';

export const localChain = (chainId: number, rpcUrl: string): Chain =>
  defineChain({
    id: chainId,
    name: 'interfold-local',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });

export type Signer = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>;

export function walletFor(rpcUrl: string, chainId: number, account: Account): Signer {
  return createWalletClient({ account, chain: localChain(chainId, rpcUrl), transport: http(rpcUrl), cacheTime: 0, pollingInterval: 50 }).extend(
    publicActions,
  ) as Signer;
}

export function publicFor(rpcUrl: string, chainId: number): PublicClient {
  return createPublicClient({ chain: localChain(chainId, rpcUrl), transport: http(rpcUrl), cacheTime: 0, pollingInterval: 50 }) as PublicClient;
}

export function testClientFor(rpcUrl: string, chainId: number): TestClient<'anvil'> {
  return createTestClient({ mode: 'anvil', chain: localChain(chainId, rpcUrl), transport: http(rpcUrl) }) as TestClient<'anvil'>;
}

/** Dev account i of anvil's well-known mnemonic (prefunded with ETH by anvil). */
export function devAccount(index: number): HDAccount {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
}

/** Waits for a transaction and throws if it reverted. */
export async function confirm(client: Pick<PublicActions, 'waitForTransactionReceipt'>, hash: Hash): Promise<TransactionReceipt> {
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== 'success') throw new DeploymentError('transaction reverted', { details: hash });
  return receipt;
}
