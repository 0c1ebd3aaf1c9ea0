/** `e3 node init`: keystore (packages/node keystore) + a config file in packages/node's format. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createKeystoreFile, readPassword, type PasswordSource } from '../nodeApi.js';
import type { Io } from '../args.js';
import { loadDeployment } from '../context.js';
import { ConfigError, UsageError } from '../errors.js';
import { DEFAULT_RPC } from '../options.js';

type V = {
  dir: string;
  'password-file'?: string;
  'password-env'?: string;
  listen: string;
  bootstrap?: string;
  'http-port': number;
  'rpc-url'?: string;
  deployment: string;
};

export function passwordSource(v: { 'password-file'?: string; 'password-env'?: string }): PasswordSource {
  if (v['password-file'] !== undefined && v['password-env'] !== undefined) throw new UsageError('give one of --password-file and --password-env');
  if (v['password-file'] !== undefined) return { kind: 'file', path: resolve(v['password-file']) };
  if (v['password-env'] !== undefined) return { kind: 'env', name: v['password-env'] };
  return { kind: 'prompt' };
}

export async function nodeInitAction(v: V, io: Io): Promise<number> {
  const dir = resolve(v.dir);
  const keystore = join(dir, 'keystore.json');
  if (existsSync(keystore)) throw new ConfigError('a keystore already exists here', { details: keystore, hint: 'use another --dir, or move the old one away first' });
  // The deployment is checked now (a typo fails here, not at start) and stored as an absolute path.
  const deploymentPath = resolve(v.deployment);
  const { deployment, extra } = loadDeployment(deploymentPath);
  const source = passwordSource(v);
  const password = await readPassword(source, { env: io.env });
  if (password.length < 8) throw new UsageError('the keystore password must have at least 8 characters');
  mkdirSync(dir, { recursive: true });
  const keys = await createKeystoreFile(keystore, password);
  const rpcUrl = v['rpc-url'] ?? (typeof extra.rpcUrl === 'string' ? extra.rpcUrl : DEFAULT_RPC);
  const config: Record<string, unknown> = {
    dataDir: '.',
    keystore: 'keystore.json',
    password: source.kind === 'file' ? { file: relative(dir, source.path) } : source.kind === 'env' ? { env: source.name } : 'prompt',
    rpcUrl,
    deployment: deploymentPath,
    chainId: deployment.chainId,
    listen: [v.listen],
    bootstrap: v.bootstrap ? v.bootstrap.split(',').map((s) => s.trim()).filter(Boolean) : [],
    httpPort: v['http-port'],
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  io.stdout.write(
    [
      `operator ${keys.operatorAddress}`,
      `peer id  ${keys.peerId}`,
      `keystore ${keystore}`,
      `config   ${join(dir, 'config.json')}`,
      `next: fund ${keys.operatorAddress} with gas and bond/ticket tokens, then`,
      `      e3 node register --config ${join(v.dir, 'config.json')}  and  e3 node start --config ${join(v.dir, 'config.json')}`,
      '',
    ].join('\n'),
  );
  return 0;
}
