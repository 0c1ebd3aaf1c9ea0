/**
 * createE3Client (viem-style): one object holding the RPC (public client), the signer (wallet
 * client, when an account is given), the deployment and the input prover; every action is a
 * function `action(client, args)` in src/actions, also bound on the client as `client.action(args)`.
 */
import { createPublicClient, createWalletClient, http, type Account, type Chain, type PublicClient, type Transport, type WalletClient } from 'viem';
import { deploymentFromJson, localChain, type Deployment } from '@interfold/contracts';
import { ConfigurationError } from './errors.js';
import type { InputProver } from './prover/types.js';

export type E3ClientConfig = {
  /** The deployment (contracts' Deployment, or its JSON text from deploymentToJson). */
  deployment: Deployment | string;
  /** A viem chain; or `rpcUrl` alone (a local chain with the deployment's chain id is defined). */
  chain?: Chain;
  rpcUrl?: string;
  /** Signs requests and inputs (a viem local account, e.g. privateKeyToAccount). Reads need none. */
  account?: Account;
  /** Proves inputs: `nodeProver()` from `@interfold/sdk/node`, or `createBrowserProver(...)`. */
  prover?: InputProver;
  /** Polling interval for watchers and receipts (ms; default 250). */
  pollingInterval?: number;
};

export type E3ClientBase = {
  readonly deployment: Deployment;
  readonly chain: Chain;
  readonly publicClient: PublicClient<Transport, Chain>;
  readonly walletClient: WalletClient<Transport, Chain, Account> | undefined;
  readonly account: Account | undefined;
  readonly prover: InputProver | undefined;
  readonly pollingInterval: number;
};

export function createBaseClient(config: E3ClientConfig): E3ClientBase {
  const deployment = typeof config.deployment === 'string' ? deploymentFromJson(config.deployment) : config.deployment;
  const url = config.rpcUrl ?? config.chain?.rpcUrls.default.http[0];
  if (!url) throw new ConfigurationError('no RPC: give `rpcUrl` or a `chain` with an http RPC URL');
  if (!/^https?:\/\//.test(url)) throw new ConfigurationError('the RPC URL must be http(s)', { details: url });
  const chain = config.chain ?? localChain(deployment.chainId, url);
  if (chain.id !== deployment.chainId) {
    throw new ConfigurationError('the chain and the deployment disagree on the chain id', { details: `chain ${chain.id}, deployment ${deployment.chainId}` });
  }
  const pollingInterval = config.pollingInterval ?? 250;
  // Blob transactions are slow to accept (the node checks their KZG proofs; anvil loads its
  // trusted setup on the first one): allow two minutes per request.
  const transport = http(url, { timeout: 120_000, retryCount: 1 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval, cacheTime: 0 }) as PublicClient<Transport, Chain>;
  const walletClient = config.account ? createWalletClient({ account: config.account, chain, transport, pollingInterval, cacheTime: 0 }) : undefined;
  return { deployment, chain, publicClient, walletClient, account: config.account, prover: config.prover, pollingInterval };
}

export function requireWallet(client: E3ClientBase, action: string): WalletClient<Transport, Chain, Account> {
  if (!client.walletClient) throw new ConfigurationError(`${action} needs an account`, { details: 'pass `account` to createE3Client' });
  return client.walletClient;
}

/** Checks the RPC serves the deployment's chain (a wrong URL fails here, with a clear error). */
export async function assertChain(client: E3ClientBase): Promise<void> {
  let id: number;
  try {
    id = await client.publicClient.getChainId();
  } catch (cause) {
    throw new ConfigurationError('the RPC does not answer', { details: client.chain.rpcUrls.default.http[0], cause });
  }
  if (id !== client.deployment.chainId) {
    throw new ConfigurationError('the RPC serves another chain than the deployment', { details: `RPC chain ${id}, deployment ${client.deployment.chainId}` });
  }
}
