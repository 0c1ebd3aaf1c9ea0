/** An SDK client on a checked chain context (context.ts): the CLI's chain commands act through it. */
import { createE3Client, type E3Client } from '@interfold/sdk';
import type { Account } from 'viem';
import type { ChainContext } from './context.js';

export async function sdkClient(ctx: ChainContext, account?: Account, withProver = false): Promise<E3Client> {
  const prover = withProver ? (await import('@interfold/sdk/node')).nodeProver() : undefined;
  return createE3Client({ rpcUrl: ctx.rpcUrl, deployment: ctx.deployment, ...(account ? { account } : {}), ...(prover ? { prover } : {}) });
}
