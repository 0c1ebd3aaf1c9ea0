/**
 * Option tables shared by several commands, and the defaults they name. Import-light on
 * purpose (no viem, no contracts): `--help` and usage errors must answer fast.
 */
import { join } from 'node:path';
import type { OptionSpec } from './args.js';
import { UsageError } from './errors.js';

/** `e3 dev`'s state directory, relative to the working directory (git-ignored in the repository). */
export const DEV_DIR = join('.e3', 'dev');
/** Where `e3 dev --keep` writes its deployment (relative to the working directory). */
export const DEFAULT_DEPLOYMENT = join(DEV_DIR, 'deployment.json');
export const DEFAULT_RPC = 'http://127.0.0.1:8545';

export const chainOptions = {
  'rpc-url': { kind: 'string', placeholder: 'url', env: 'E3_RPC_URL', description: `JSON-RPC endpoint (default: the deployment file's rpcUrl, else ${DEFAULT_RPC})` },
  deployment: { kind: 'string', placeholder: 'file', env: 'E3_DEPLOYMENT', default: DEFAULT_DEPLOYMENT, description: 'deployment JSON (written by `e3 dev --keep`, `npm run chain`, or your own deploy)' },
} as const satisfies Record<string, OptionSpec>;

export const accountOptions = {
  'key-file': { kind: 'string', placeholder: 'file', description: 'file holding the account private key (0x + 64 hex digits)' },
  'dev-account': { kind: 'integer', min: 0, max: 999, placeholder: 'i', description: "anvil's public dev account i (local chains only; never for value)" },
} as const satisfies Record<string, OptionSpec>;


export const e3IdOption = { kind: 'string', placeholder: 'id', description: 'the E3 id (default: the latest E3 of the deployment)' } as const satisfies OptionSpec;

export function parseE3Id(raw: string | undefined): bigint | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]+$/.test(raw) || BigInt(raw) === 0n) throw new UsageError('--e3-id expects a positive whole number', { details: `got "${raw}"` });
  return BigInt(raw);
}
