/**
 * The n ciphernode daemons of `e3 dev`, as child processes (packages/node/bin/ciphernode.ts),
 * each in its own process group under the Supervisor. Each gets a config file in packages/node's
 * format (src/config): its keystore and password file, the deployment, the local RPC, a listen
 * address on 127.0.0.1, the other nodes as bootstrap peers, an HTTP port, a store directory, and
 * the circuits' shared cache. Started when every /health answers.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from '@interfold/contracts';
import { resolveConfig } from '@interfold/circuits';
import { CliError, WaitTimeoutError } from '../errors.js';
import type { LocalChain } from './chain.js';
import type { Operator } from './operators.js';
import type { Supervisor, Supervised } from './supervisor.js';

export type Daemon = { operator: Operator; pid: number; httpUrl: string; process: Supervised; logFile: string };

/** Path of the daemon's entry point in the installed @interfold/node. */
export function ciphernodeBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@interfold/node')), '..', 'bin', 'ciphernode.ts');
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function startDaemons(
  supervisor: Supervisor,
  chain: LocalChain,
  operators: readonly Operator[],
  o: {
    dir: string;
    deploymentFile: string;
    signal: AbortSignal;
    startTimeoutMs?: number;
    programs?: readonly { id: bigint; module: string }[];
    /** The daemons' `proofs` switch (default: theirs, on); false is development only (--no-proofs). */
    proofs?: boolean;
  },
): Promise<Daemon[]> {
  const bin = ciphernodeBin();
  const tsx = import.meta.resolve('tsx');
  const ports: { p2p: number; http: number }[] = [];
  for (const _ of operators) ports.push({ p2p: await freePort(), http: await freePort() });
  const addr = (i: number): string => `/ip4/127.0.0.1/tcp/${ports[i].p2p}/p2p/${operators[i].peerId}`;
  const daemons: Daemon[] = [];
  for (const [i, op] of operators.entries()) {
    const config = {
      dataDir: 'store',
      keystore: 'keystore.json',
      password: { file: 'password' },
      rpcUrl: chain.anvil.rpcUrl,
      deployment: o.deploymentFile,
      chainId: chain.anvil.chainId,
      listen: [`/ip4/127.0.0.1/tcp/${ports[i].p2p}`],
      bootstrap: operators.map((_, j) => j).filter((j) => j !== i).map(addr),
      httpPort: ports[i].http,
      httpHost: '127.0.0.1',
      logLevel: 'info',
      // A local chain has no reorgs: act on each block at once.
      reorgDepth: 0,
      confirmations: 0,
      zk: { cacheDir: resolveConfig().cacheDir },
      // Proofs on (their default): every DKG round waits for the members' proofs, so a round's
      // timeout covers proving on a loaded machine; off (--no-proofs): development only.
      ...(o.proofs === false ? { proofs: false } : { timeouts: { dkg: 300_000 } }),
      // `e3 dev --program ballot|datapool`: the app's program module under its registered id.
      ...(o.programs?.length ? { programs: o.programs.map((p) => ({ id: p.id.toString(), module: p.module })) } : {}),
    };
    const configFile = join(op.dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');
    const logFile = join(op.dir, 'node.log');
    const child = supervisor.spawn({
      name: `ciphernode-${op.index}`,
      command: process.execPath,
      args: ['--import', tsx, bin, '--config', configFile],
      cwd: op.dir,
      logFile,
    });
    daemons.push({ operator: op, pid: child.pid, httpUrl: `http://127.0.0.1:${ports[i].http}`, process: child, logFile });
  }
  const deadline = Date.now() + (o.startTimeoutMs ?? 120_000);
  const pending = new Set(daemons);
  while (pending.size > 0) {
    for (const d of [...pending]) {
      if (d.process.child.exitCode !== null || d.process.child.signalCode !== null) {
        throw new CliError(`ciphernode ${d.operator.index} exited during start`, { details: d.process.tail() || `see ${d.logFile}`, hint: `its log: ${d.logFile}` });
      }
      if (await healthy(d.httpUrl)) pending.delete(d);
    }
    if (pending.size === 0) break;
    if (o.signal.aborted) break;
    if (Date.now() > deadline) {
      throw new WaitTimeoutError(`${pending.size} ciphernode(s) did not answer /health in time`, { hint: `logs: ${[...pending].map((d) => d.logFile).join(', ')}` });
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return daemons;
}

/**
 * Proofs the daemons generated (their /metrics: the sample count of interfold_proving_seconds,
 * over every phase label); a daemon that does not answer counts 0.
 */
export async function daemonProofs(daemons: readonly Daemon[]): Promise<number> {
  let total = 0;
  for (const d of daemons) {
    try {
      const res = await fetch(`${d.httpUrl}/metrics`, { signal: AbortSignal.timeout(2000) });
      const text = await res.text();
      for (const m of text.matchAll(/^interfold_proving_seconds_count(?:\{[^}]*\})?\s+([0-9.e+]+)\s*$/gm)) total += Number(m[1]);
    } catch {
      // not answering: its proofs are not counted
    }
  }
  return total;
}
