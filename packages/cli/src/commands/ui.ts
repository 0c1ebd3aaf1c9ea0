/**
 * `e3 ui`: the ballot, data-pool and dashboard pages (apps/web) against any deployment, and
 * `startDevUi`, the same pages for `e3 dev --ui` on its local network.
 *
 * The pages' server lives in apps/web (imported by path: apps/web is not yet a workspace of its
 * own; apps sit above the CLI, this is the one place the CLI reaches up to them). On a dev network
 * this file also runs the compute provider of the E3s the pages request (an anvil dev account,
 * as `e3 dev` does for its own E3: the compute provider is trusted for nothing, every member
 * recomputes its output) and lets the pages move the chain clock to a window's edge.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAddress, isAddress, type Address } from 'viem';
import { Stage, e3OrchestratorAbi, type Signer } from '@interfold/contracts';
import { defineCommand, type Io } from '../args.js';
import { UsageError } from '../errors.js';
import { chainOptions } from '../options.js';
import type { LocalChain } from '../dev/chain.js';
import type { LocalClock } from '../dev/clock.js';
import type { Program } from '../../../node/src/core/index.js';

/** anvil dev account the pages' E3s name as compute provider on a dev network (not one of e3 dev's roles or submitters). */
export const UI_PROVIDER_ACCOUNT = 19;

export const uiCommand = defineCommand({
  path: ['ui'],
  summary: 'serve the ballot, data-pool and dashboard web pages for a deployment',
  description:
    'Serves the pages on http://<host>:<port>: a secret ballot (create a poll, vote, tally), a confidential data pool ' +
    '(create a pool, submit counts, sums) and a live dashboard of every E3 of the deployment with each node\'s health. ' +
    'The pages encrypt inputs and solve their proof witness in the browser; this server proves the witness with the ' +
    'native prover (bb.js in a browser accepts only the ceremony CRS) and relays JSON-RPC to --rpc-url. ' +
    'The page asks for the signing key; on a local network use `e3 dev --ui`, which also offers the dev accounts.',
  options: {
    ...chainOptions,
    port: { kind: 'integer', default: 8080, min: 0, max: 65_535, placeholder: 'port', description: 'HTTP port (0: any free port)' },
    host: { kind: 'string', default: '127.0.0.1', placeholder: 'host', description: 'interface to listen on (expose deliberately: the server proves witnesses, which hold plaintexts)' },
    nodes: { kind: 'string', placeholder: 'urls', description: "comma-separated HTTP URLs of the ciphernodes (default: the deployment file's operators)" },
    'compute-provider': { kind: 'string', placeholder: 'address', description: "compute provider of the E3s the pages request (default: the deployment file's first operator)" },
    n: { kind: 'integer', default: 3, min: 2, max: 64, placeholder: 'count', description: 'committee size the pages request' },
    threshold: { kind: 'integer', min: 1, max: 63, placeholder: 'T', description: 'threshold the pages request (default max(1, floor((n-1)/2)))' },
  },
  examples: ['npm run e3 -- ui --deployment .e3/dev/deployment.json', 'npm run e3 -- dev --ui'],
  async run(v, io) {
    const { connect } = await import('../context.js');
    const ctx = await connect(v);
    const extra = ctx.extra as { paramSetNames?: unknown; operators?: { address?: string; dir?: string }[] };
    const paramSets = Array.isArray(extra.paramSetNames) ? extra.paramSetNames.filter((x): x is string => typeof x === 'string') : ['INSECURE_N512'];
    const threshold = v.threshold ?? Math.max(1, Math.floor((v.n - 1) / 2));
    if (threshold >= v.n) throw new UsageError('--threshold must be below --n', { details: `n = ${v.n}, T = ${threshold}` });
    let provider: Address | undefined;
    const rawProvider = v['compute-provider'] ?? extra.operators?.[0]?.address;
    if (rawProvider !== undefined) {
      if (!isAddress(rawProvider)) throw new UsageError('--compute-provider is not an address', { details: rawProvider });
      provider = getAddress(rawProvider);
    }
    const nodes = v.nodes !== undefined ? v.nodes.split(',').map((s) => s.trim()).filter(Boolean) : nodeUrlsOf(extra.operators ?? []);
    for (const u of nodes) if (!/^https?:\/\//.test(u)) throw new UsageError('--nodes takes http(s) URLs', { details: u });
    const { startWebServer } = await import('../../../../apps/web/src/server/index.js');
    const ui = await startWebServer({ rpcUrl: ctx.rpcUrl, deployment: ctx.deployment, paramSets, committee: { n: v.n, threshold }, computeProvider: provider, nodes, host: v.host, port: v.port });
    io.stderr.write(`ui: ${ui.url}  (ballot ${ui.url}/#/ballot, data pool ${ui.url}/#/datapool, dashboard ${ui.url}/#/dashboard); Ctrl-C stops it\n`);
    await new Promise<void>((r) => (io.signal.aborted ? r() : io.signal.addEventListener('abort', () => r(), { once: true })));
    await ui.close();
  },
});

/** The HTTP URLs of the operators `e3 dev --keep` recorded (each one's config.json in its directory). */
function nodeUrlsOf(operators: readonly { dir?: string }[]): string[] {
  const out: string[] = [];
  for (const op of operators) {
    const file = op.dir ? join(op.dir, 'config.json') : undefined;
    if (!file || !existsSync(file)) continue;
    const c = JSON.parse(readFileSync(file, 'utf8')) as { httpPort?: unknown; httpHost?: unknown };
    if (typeof c.httpPort === 'number') out.push(`http://${typeof c.httpHost === 'string' ? c.httpHost : '127.0.0.1'}:${c.httpPort}`);
  }
  return out;
}

export type DevUi = { url: string; close(): Promise<void> };

/** What the pages' programs need on a dev network (apps/web programs.ts `AppProgramIds`). */
export type UiPrograms = Awaited<ReturnType<typeof registerUiPrograms>>;

/**
 * Deploys and registers the apps' programs the pages use (BallotProgram, DataPoolProgram); call it
 * before the daemons start and give them `uiProgramModules(...)`: each committee member then runs
 * the app's own module (last ballot per voter; first contribution per hospital).
 */
export async function registerUiPrograms(chain: LocalChain) {
  const { registerAppPrograms } = await import('../../../../apps/web/src/server/programs.js');
  return registerAppPrograms(chain.deployer, chain.deployment);
}

/** The daemons' `programs` entries for the pages' programs. */
export const uiProgramModules = (p: UiPrograms): { id: bigint; module: string }[] => [p.ballot, p.datapool].map((x) => ({ id: x.programId, module: x.module }));

/**
 * The pages on `e3 dev`'s network: dev accounts offered to the page, the chain clock movable from
 * the page, and the compute provider of the pages' E3s run here (computeAndPublish, the same code
 * `e3 dev` uses for its own E3) once their input window has closed in chain time.
 */
export async function startDevUi(o: {
  chain: LocalChain;
  clock: LocalClock;
  nodes: readonly string[];
  n: number;
  threshold: number;
  params: string;
  dir: string;
  port: number;
  io: Io;
  /** The pages' programs (registerUiPrograms, before the daemons started); without them the pages cannot create polls or pools. */
  programs?: UiPrograms;
}): Promise<DevUi> {
  const { startWebServer } = await import('../../../../apps/web/src/server/index.js');
  const { computeAndPublish } = await import('../dev/compute.js');
  const provider: Signer = o.chain.signer(UI_PROVIDER_ACCOUNT);
  const submitters = Array.from({ length: 6 }, (_, i) => 10 + i);
  const ui = await startWebServer({
    rpcUrl: o.chain.anvil.rpcUrl,
    deployment: o.chain.deployment,
    paramSets: [o.params],
    committee: { n: o.n, threshold: o.threshold },
    computeProvider: provider.account.address,
    nodes: o.nodes,
    port: o.port,
    stateDir: o.dir,
    dev: { warpTo: (ts) => o.clock.warpTo(ts), accounts: { requester: 2, submitters } },
    ...(o.programs ? { programs: { ids: o.programs, deployer: o.chain.deployer } } : {}),
  });
  // The compute provider runs the same program modules as the daemons (every member recomputes).
  const extra: Program[] = [];
  for (const p of o.programs ? uiProgramModules(o.programs) : []) extra.push(((await import(p.module)) as { createProgram(id: bigint): Program }).createProgram(p.id));
  const done = new Set<bigint>();
  let stopped = false;
  const orchestrator = o.chain.deployment.contracts.orchestrator;
  let from = o.chain.deployment.startBlock;
  const pending = new Set<bigint>();
  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const head = await provider.getBlockNumber();
        if (head >= from) {
          const logs = await provider.getContractEvents({ address: orchestrator, abi: e3OrchestratorAbi, eventName: 'E3Requested', fromBlock: from, toBlock: head });
          for (const l of logs) if (l.args.e3Id !== undefined && l.args.params?.computeProvider === provider.account.address) pending.add(l.args.e3Id);
          from = head + 1n;
        }
        const now = await o.clock.now();
        for (const e3Id of pending) {
          const e3 = await provider.readContract({ address: orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
          if (e3.stage !== Stage.Requested && e3.stage !== Stage.CommitteeFinalized && e3.stage !== Stage.KeyPublished) pending.delete(e3Id);
          else if (e3.stage === Stage.KeyPublished && now > e3.schedule.inputEnd && !done.has(e3Id)) {
            done.add(e3Id);
            pending.delete(e3Id);
            try {
              const r = await computeAndPublish(o.chain, provider, e3Id, extra);
              o.io.stderr.write(`ui: E3 ${e3Id} output over ${r.inputs} inputs posted (${r.txHash})\n`);
            } catch (e) {
              o.io.stderr.write(`ui: computing E3 ${e3Id} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
            }
          }
        }
      } catch (e) {
        o.io.stderr.write(`ui: compute provider: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  const running = loop();
  return {
    url: ui.url,
    async close() {
      stopped = true;
      await running;
      await ui.close();
    },
  };
}
