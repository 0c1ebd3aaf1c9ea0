/**
 * What every chain command needs: the deployment file, an RPC endpoint that answers for the
 * deployment's chain, and (for transactions) an account. Works the same against anvil and a
 * public testnet: nothing here assumes a local chain except `--dev-account`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deploymentFromJson, devAccount, publicFor, walletFor, type Deployment, type Signer } from '@interfold/contracts';
import type { PublicClient, Account, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEFAULT_RPC } from './options.js';
import { ConfigError, NetworkError, UsageError } from './errors.js';

export type ChainContext = {
  deployment: Deployment;
  /** Fields the deployment file may carry beyond `Deployment` (npm run chain, e3 dev --keep). */
  extra: Record<string, unknown>;
  rpcUrl: string;
  client: PublicClient;
};

export function loadDeployment(path: string): { deployment: Deployment; extra: Record<string, unknown> } {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new ConfigError('deployment file not found', {
      details: abs,
      hint: 'pass --deployment <file> (or E3_DEPLOYMENT); `e3 dev --keep` and `npm run chain` write one',
    });
  }
  const text = readFileSync(abs, 'utf8');
  const deployment = deploymentFromJson(text);
  return { deployment, extra: JSON.parse(text) as Record<string, unknown> };
}

/** Asks the endpoint for its chain id (5 s limit) and checks it against the deployment. */
export async function connect(values: { 'rpc-url'?: string; deployment: string }): Promise<ChainContext> {
  const { deployment, extra } = loadDeployment(values.deployment);
  const rpcUrl = values['rpc-url'] ?? (typeof extra.rpcUrl === 'string' ? extra.rpcUrl : DEFAULT_RPC);
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch (cause) {
    throw new UsageError('--rpc-url is not a URL', { details: rpcUrl, hint: 'e.g. http://127.0.0.1:8545 or https://sepolia.example/rpc', cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--rpc-url must be http(s)', { details: rpcUrl });
  }
  const chainId = await rpcChainId(rpcUrl);
  if (chainId !== deployment.chainId) {
    throw new NetworkError('the RPC endpoint serves another chain than the deployment', {
      details: `${rpcUrl} answers chain ${chainId}; ${values.deployment} is for chain ${deployment.chainId}`,
      hint: 'use the RPC URL of the chain the deployment was made on, or the deployment file of this chain',
    });
  }
  return { deployment, extra, rpcUrl, client: publicFor(rpcUrl, chainId) };
}

export async function rpcChainId(rpcUrl: string, timeoutMs = 5000): Promise<number> {
  let res: Response;
  try {
    res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    throw new NetworkError('the RPC endpoint did not answer', {
      details: `${rpcUrl}: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}`,
      hint: 'check --rpc-url (or E3_RPC_URL) and that the node behind it is running (`e3 dev --keep` or `npm run chain` for a local one)',
      cause,
    });
  }
  let body: { result?: unknown };
  try {
    body = (await res.json()) as { result?: unknown };
  } catch (cause) {
    throw new NetworkError('the RPC endpoint did not answer JSON-RPC', { details: `${rpcUrl}: HTTP ${res.status}`, hint: 'check --rpc-url', cause });
  }
  if (typeof body.result !== 'string') {
    throw new NetworkError('the RPC endpoint did not answer eth_chainId', { details: `${rpcUrl}: HTTP ${res.status}`, hint: 'check --rpc-url' });
  }
  return Number(body.result);
}

/** The account for transactions: --key-file, E3_PRIVATE_KEY, or --dev-account. */
export function resolveAccount(values: { 'key-file'?: string; 'dev-account'?: number }, env: NodeJS.ProcessEnv): Account {
  const set = [values['key-file'] !== undefined, env.E3_PRIVATE_KEY !== undefined && env.E3_PRIVATE_KEY !== '', values['dev-account'] !== undefined].filter(Boolean).length;
  if (set === 0) {
    throw new UsageError('this command sends transactions and needs an account', {
      hint: 'pass --key-file <file>, set E3_PRIVATE_KEY, or on a local chain --dev-account <i>',
    });
  }
  if (set > 1) throw new UsageError('give one account: --key-file, E3_PRIVATE_KEY or --dev-account');
  if (values['dev-account'] !== undefined) return devAccount(values['dev-account']);
  let key: string;
  if (values['key-file'] !== undefined) {
    const p = resolve(values['key-file']);
    if (!existsSync(p)) throw new ConfigError('key file not found', { details: p, hint: 'pass the path of a file holding 0x + 64 hex digits' });
    key = readFileSync(p, 'utf8').trim();
  } else key = (env.E3_PRIVATE_KEY ?? '').trim();
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new ConfigError('the private key is malformed', { details: 'expected 0x followed by 64 hex digits', hint: 'check --key-file or E3_PRIVATE_KEY' });
  }
  return privateKeyToAccount(key as Hex);
}

export function signerFor(ctx: ChainContext, account: Account): Signer {
  return walletFor(ctx.rpcUrl, ctx.deployment.chainId, account);
}
