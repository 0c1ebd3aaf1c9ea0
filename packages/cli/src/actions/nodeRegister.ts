/** `e3 node register`: the daemon's registerOperator from the node's own keystore and config. */
import { loadConfig, readPassword, registerOperator, unlockKeystoreFile } from '../nodeApi.js';
import { publicFor, walletFor } from '@interfold/contracts';
import { privateKeyToAccount } from 'viem/accounts';
import type { Io } from '../args.js';
import { connect } from '../context.js';
import { UsageError } from '../errors.js';
import { jsonText } from '../json.js';
import { passwordSource } from './nodeInit.js';

type V = { config: string; 'password-file'?: string; 'password-env'?: string; bond?: string; tickets?: number; json: boolean };

export async function nodeRegisterAction(v: V, io: Io): Promise<number> {
  const argv: string[] = [];
  if (v['password-file'] !== undefined || v['password-env'] !== undefined) {
    const s = passwordSource(v);
    if (s.kind === 'file') argv.push('--password-file', s.path);
    if (s.kind === 'env') argv.push('--password-env', s.name);
  }
  const config = loadConfig({ file: v.config, argv, env: io.env });
  const ctx = await connect({ 'rpc-url': config.rpcUrl, deployment: config.deployment });
  const keys = await unlockKeystoreFile(config.keystore, await readPassword(config.password, { env: io.env }));
  if (v.bond !== undefined && !/^[0-9]+$/.test(v.bond)) throw new UsageError('--bond expects a whole number (smallest token unit)', { details: v.bond });
  const cfg = ctx.deployment.config;
  const wallet = walletFor(ctx.rpcUrl, ctx.deployment.chainId, privateKeyToAccount(keys.operatorKey));
  const r = await registerOperator({
    wallet,
    client: publicFor(ctx.rpcUrl, ctx.deployment.chainId),
    operatorRegistry: ctx.deployment.contracts.operatorRegistry,
    bond: v.bond !== undefined ? BigInt(v.bond) : cfg.minBond,
    tickets: v.tickets !== undefined ? BigInt(v.tickets) : cfg.minTickets,
  });
  if (v.json) io.stdout.write(jsonText(r) + '\n');
  else io.stdout.write(`operator ${r.operator}: bond ${r.bond}, tickets ${r.tickets}, ${r.active ? 'active' : 'not active yet'} (${r.transactions.length} transactions)\n`);
  return 0;
}
