/**
 * A minimal anvil for tests of this package (the contracts package sits above circuits, so its
 * helper cannot be imported here): random free port, JSON-RPC over fetch, killed on close.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json'));
  const bin = join(dir, 'bin', 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil binary not found at ${bin}`);
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      if (a && typeof a === 'object') {
        const p = a.port;
        s.close(() => resolve(p));
      } else reject(new Error('no port'));
    });
  });
}

export class Anvil {
  private id = 0;
  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<Anvil> {
    const port = await freePort();
    const proc = spawn(anvilBinary(), ['--port', String(port), '--host', '127.0.0.1', '--code-size-limit', '100000', '--gas-limit', '100000000', '--silent'], {
      stdio: 'ignore',
    });
    const a = new Anvil(proc, `http://127.0.0.1:${port}`);
    for (let i = 0; i < 100; i++) {
      try {
        await a.rpc('eth_chainId', []);
        return a;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    proc.kill();
    throw new Error('anvil did not start');
  }

  async rpc(method: string, params: unknown[]): Promise<any> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params }),
    });
    const j = (await res.json()) as { result?: unknown; error?: { message: string; data?: unknown } };
    if (j.error) throw Object.assign(new Error(j.error.message), { data: j.error.data });
    return j.result;
  }

  /** Deploys creation bytecode from anvil's first unlocked account; returns the address. */
  async deploy(bytecodeHex: string): Promise<string> {
    const [from] = (await this.rpc('eth_accounts', [])) as string[];
    const hash = await this.rpc('eth_sendTransaction', [{ from, data: '0x' + bytecodeHex.replace(/^0x/, ''), gas: '0x1c9c380' }]);
    for (let i = 0; i < 100; i++) {
      const r = await this.rpc('eth_getTransactionReceipt', [hash]);
      if (r) {
        if (r.status !== '0x1' || !r.contractAddress) throw new Error('deployment failed');
        return (r.contractAddress as string).toLowerCase().replace(/^0x/, '');
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('no receipt');
  }

  async close(): Promise<void> {
    if (this.proc.exitCode === null) {
      const done = new Promise((r) => this.proc.once('exit', r));
      this.proc.kill('SIGTERM');
      await done;
    }
  }
}
