/**
 * The local network the web tests drive: what `e3 dev --ui` starts (packages/cli src/dev: anvil,
 * every contract with the real input verifier at INSECURE_N512, the apps' ballot and data-pool
 * programs registered, n operators registered and bonded, n ciphernode daemons running those
 * programs' modules as child processes, the heartbeat clock, the pages' server with
 * its dev compute provider) without `e3 dev`'s own E3: the pages create theirs. Run alone
 * (`node --import tsx apps/web/test/network.ts`) it prints the pages' URL and keeps running.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentToJson } from '@interfold/contracts';
import { DEV_ROLES, deployLocal, devSigner, startLocalChain } from '../../../packages/cli/src/dev/chain.js';
import { prepareCircuits } from '../../../packages/cli/src/dev/circuits.js';
import { createOperators } from '../../../packages/cli/src/dev/operators.js';
import { startDaemons } from '../../../packages/cli/src/dev/daemons.js';
import { localClock } from '../../../packages/cli/src/dev/clock.js';
import { Supervisor } from '../../../packages/cli/src/dev/supervisor.js';
import { adoptUnhandledRejections } from '../../../packages/cli/src/dev/rejections.js';
import { registerUiPrograms, startDevUi, uiProgramModules } from '../../../packages/cli/src/commands/ui.js';

export const PARAMS = 'INSECURE_N512';

export type Network = { url: string; rpcUrl: string; log: string[]; close(): Promise<void> };

export async function startNetwork(dir: string, o: { n?: number; threshold?: number } = {}): Promise<Network> {
  const n = o.n ?? 3;
  const threshold = o.threshold ?? 1;
  mkdirSync(dir, { recursive: true });
  const stops: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const s of stops.reverse()) await s();
  };
  const log: string[] = [];
  const stderr = { write: (s: string) => (log.push(s), true) } as unknown as NodeJS.WritableStream;
  try {
    adoptUnhandledRejections(stderr);
    const circuits = await prepareCircuits(PARAMS);
    adoptUnhandledRejections(stderr);
    const anvil = await startLocalChain({ submitters: 1 });
    stops.push(() => anvil.stop());
    const verifier = await circuits.deployVerifier(devSigner(anvil, DEV_ROLES.deployer));
    const chain = await deployLocal(anvil, { paramSets: [PARAMS], submitters: 1, userEncryptionVerifier: verifier });
    adoptUnhandledRejections(stderr);
    const deploymentFile = join(dir, 'deployment.json');
    writeFileSync(deploymentFile, JSON.stringify({ ...(JSON.parse(deploymentToJson(chain.deployment)) as object), rpcUrl: anvil.rpcUrl, paramSetNames: [PARAMS] }, null, 2));
    // The pages' programs (ballot, data pool) registered before the daemons start: they load their modules.
    const programs = await registerUiPrograms(chain);
    const operators = await createOperators(chain, { n, dir });
    const supervisor = new Supervisor();
    stops.push(() => supervisor.dispose());
    const signal = new AbortController().signal;
    const daemons = await startDaemons(supervisor, chain, operators, {
      dir,
      deploymentFile,
      signal,
      startTimeoutMs: 180_000,
      programs: uiProgramModules(programs),
      // The pages' subject is the input proofs (verified on chain). The committee's DKG and
      // decryption proofs (on by default) are the e2e-proofs test's; here they would add minutes.
      proofs: false,
    });
    stops.push(() => supervisor.stopAll());
    const clock = localClock(anvil);
    stops.push(() => clock.stop());
    const ui = await startDevUi({ chain, clock, nodes: daemons.map((d) => d.httpUrl), n, threshold, params: PARAMS, dir, port: 0, io: { stdout: stderr, stderr, env: process.env, signal }, programs });
    stops.push(() => ui.close());
    return { url: ui.url, rpcUrl: anvil.rpcUrl, log, close };
  } catch (e) {
    await close();
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? '.e3/web-test';
  rmSync(dir, { recursive: true, force: true });
  const net = await startNetwork(dir);
  console.log(`ui: ${net.url}`);
  process.on('SIGINT', () => void net.close().then(() => process.exit(0)));
}
