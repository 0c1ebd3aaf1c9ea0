/**
 * Starts a real anvil (from the npm package @foundry-rs/anvil, TOOLCHAIN.md) on 127.0.0.1 and a
 * free port, waits until it answers JSON-RPC, and kills it on `stop()` (and on process exit), so
 * tests of any package can run against a real chain without leaving processes behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { AnvilError } from './errors.js';

/** The mnemonic anvil derives its default dev accounts from (public, well known: never for value). */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export type AnvilOptions = {
  /** Port on 127.0.0.1; default a free port chosen by the OS. */
  port?: number;
  /** Number of prefunded dev accounts derived from ANVIL_MNEMONIC (default 20). */
  accounts?: number;
  /** Seconds between blocks; default automine (a block per transaction). */
  blockTime?: number;
  chainId?: number;
  /** How long to wait for the RPC to answer (default 15 s). */
  startTimeoutMs?: number;
  /** Forward anvil's stdout/stderr (default false). */
  verbose?: boolean;
};

export type AnvilInstance = {
  rpcUrl: string;
  wsUrl: string;
  port: number;
  chainId: number;
  pid: number;
  stop(): Promise<void>;
};

/** Path of the platform's anvil binary shipped by @foundry-rs/anvil-<os>-<arch>. */
export function anvilBinary(): string {
  const os = process.platform === 'win32' ? 'win32' : process.platform;
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = `@foundry-rs/anvil-${os}-${arch}`;
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch (cause) {
    throw new AnvilError('anvil binary package not installed', { details: `${pkg} (run npm ci)`, cause });
  }
  const bin = join(dir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(bin)) throw new AnvilError('anvil binary missing', { details: bin });
  return bin;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new AnvilError('could not obtain a free port'))));
    });
  });
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

async function rpcReady(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    });
    const body = (await res.json()) as { result?: string };
    return body.result === undefined ? undefined : Number(body.result);
  } catch {
    return undefined;
  }
}

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilInstance> {
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOn(port, options);
    } catch (e) {
      lastError = e; // the port may have been taken between freePort() and anvil's bind: retry
    }
  }
  throw lastError;
}

/** Resolves true if nothing listens on 127.0.0.1:port (checked by binding it briefly). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function startOn(port: number, options: AnvilOptions): Promise<AnvilInstance> {
  const chainId = options.chainId ?? 31337;
  // Another chain answering on this port would be mistaken for ours: refuse a taken port.
  if (!(await portIsFree(port))) throw new AnvilError('port already in use', { details: `127.0.0.1:${port}` });
  const args = [
    '--host', '127.0.0.1',
    '--port', String(port),
    '--accounts', String(options.accounts ?? 20),
    '--mnemonic', ANVIL_MNEMONIC,
    '--chain-id', String(chainId),
    '--hardfork', 'cancun',
    '--silent',
  ];
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime));
  const child = spawn(anvilBinary(), args, { stdio: options.verbose ? 'inherit' : ['ignore', 'ignore', 'pipe'] });
  installExitHook();
  live.add(child);
  // Do not keep the event loop alive for anvil: if a caller forgets stop(), the exit hook kills it.
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      live.delete(child);
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exitPromise;
    clearTimeout(timer);
  };
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (exited) break;
    const id = await rpcReady(rpcUrl);
    if (id === chainId) {
      return { rpcUrl, wsUrl: `ws://127.0.0.1:${port}`, port, chainId, pid: child.pid ?? -1, stop };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new AnvilError('anvil did not start', { details: `port ${port}: ${stderr.trim() || 'no answer'}` });
}
