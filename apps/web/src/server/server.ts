/**
 * The web server of the ballot, data-pool and dashboard pages (`e3 ui`, `e3 dev --ui`): serves
 * the HTML and the page bundle, the circuit assets and noir's WebAssembly the page needs to
 * encrypt and solve a proof witness, proves solved witnesses with the native prover (see
 * prover.ts for why), relays JSON-RPC to the chain (same origin: no CORS), reports each node's
 * health, and keeps the apps' descriptions of their E3s. Everything the pages show about an E3
 * they read from the chain themselves.
 *
 * Dev networks only (`dev` option): anvil's public dev accounts are offered to the page, and
 * `POST /api/dev/warp` moves the chain clock to a window's opening or close, as `e3 dev` does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deploymentToJson, type Deployment, type Signer } from '@interfold/contracts';
import type { Address } from 'viem';
import { buildPage } from './bundle.js';
import { WebRequestError } from './errors.js';
import { INDEX_HTML } from './html.js';
import { readBody, readJson, send, sendError, sendJson } from './http.js';
import { nodeHealth } from './nodes.js';
import { AppRegistry, parseMeta } from './polls.js';
import { MAX_WITNESS_BYTES, noirWasmFiles, PageProver, type PageAsset } from './prover.js';
import { AppPrograms, inputStatus, poolMaxCount, POOL_MAX_CONTRIBUTORS, type AppProgramIds } from './programs.js';

export type DevHooks = {
  /** Mines a block at `ts` (unix seconds) if the chain is behind it. */
  warpTo(ts: bigint): Promise<void>;
  /** anvil dev-account indices the page offers: who requests (has fee tokens), who submits. */
  accounts: { readonly requester: number; readonly submitters: readonly number[] };
};

export type WebServerOptions = {
  rpcUrl: string;
  deployment: Deployment;
  /** Parameter sets the pages may request (the deployment's allowed sets). */
  paramSets: readonly string[];
  /** Committee the pages request by default (the network's size). */
  committee: { n: number; threshold: number };
  /** Who computes the E3s the pages request (an account that runs the compute-provider role). */
  computeProvider?: Address;
  /** HTTP base URLs of the ciphernodes (their /health and /status). */
  nodes?: readonly string[];
  host?: string;
  /** 0: a free port. */
  port?: number;
  /** Where the apps' descriptions of their E3s are kept (polls.json); memory only without. */
  stateDir?: string;
  dev?: DevHooks;
  /**
   * The apps' registered programs (programs.ts `registerAppPrograms`) and, on a dev network, the
   * orchestrator's owner that deploys one input adapter per circuit shape. Without them the pages
   * cannot create polls or pools (they say so).
   */
  programs?: { ids: AppProgramIds; deployer?: Signer };
};

export type WebServer = { url: string; close(): Promise<void> };

const MAX_RPC_BODY = 16 * 1024 * 1024;

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const bundle = await buildPage();
  const wasm = noirWasmFiles();
  const prover = new PageProver(o.paramSets);
  const apps = new AppRegistry(o.stateDir ? join(o.stateDir, 'polls.json') : undefined);
  const programs = o.programs ? new AppPrograms(o.programs.ids, o.deployment, o.programs.deployer) : undefined;
  const needPrograms = (): AppPrograms => {
    if (!programs) throw new WebRequestError('this server runs no app programs (start it with `e3 dev --ui`)');
    return programs;
  };
  const config = {
    deployment: deploymentToJson(o.deployment),
    paramSets: o.paramSets,
    committee: o.committee,
    computeProvider: o.computeProvider ?? null,
    nodes: o.nodes?.length ?? 0,
    dev: o.dev ? { accounts: o.dev.accounts } : null,
    programs: o.programs
      ? {
          ballot: { programId: o.programs.ids.ballot.programId.toString(), program: o.programs.ids.ballot.program },
          datapool: { programId: o.programs.ids.datapool.programId.toString(), program: o.programs.ids.datapool.program },
          poolMaxCount: Object.fromEntries(o.paramSets.map((p) => [p, poolMaxCount(p).toString()])),
          poolMaxContributors: POOL_MAX_CONTRIBUTORS,
        }
      : null,
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const get = req.method === 'GET' || req.method === 'HEAD';
    const post = req.method === 'POST';
    if (get && (path === '/' || path === '/index.html')) return send(res, 200, 'text/html; charset=utf-8', INDEX_HTML);
    if (get && path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    // E3_UI_REBUILD=1: rebuild the bundle on every load (working on the pages).
    if (get && path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', process.env.E3_UI_REBUILD === '1' ? await buildPage() : bundle);
    if (get && wasm[path]) return send(res, 200, wasm[path].type, wasm[path].body);
    if (get && path.startsWith('/assets/') && path.split('/').length === 5) {
      // /assets/<set>/<circuit>/circuit.json: a prepared program input circuit (programs.ts).
      const [, , params, key, file] = path.split('/');
      if (!params || !key || file !== 'circuit.json') return sendJson(res, 404, { error: 'not found' });
      return send(res, 200, 'application/json', prover.programAsset(params, await needPrograms().circuit(params, key)).body);
    }
    if (post && path === '/api/programs/prepare') {
      const j = (await readJson(req)) as { params?: unknown; circuit?: unknown };
      if (typeof j.params !== 'string' || typeof j.circuit !== 'string') throw new WebRequestError('`params` and `circuit` must be strings');
      if (!o.paramSets.includes(j.params)) throw new WebRequestError('unknown parameter set', { details: j.params });
      return sendJson(res, 200, await needPrograms().prepare(j.params, j.circuit));
    }
    if (post && path === '/api/programs/status') return sendJson(res, 200, await inputStatus(o.rpcUrl, o.deployment, await readJson(req)));
    if (get && path.startsWith('/assets/')) {
      const [, , params, file] = path.split('/');
      const a: PageAsset | undefined = params && file ? await prover.asset(params, file) : undefined;
      return a ? send(res, 200, a.type, a.body) : sendJson(res, 404, { error: 'not found' });
    }
    if (get && path === '/api/config') return sendJson(res, 200, config);
    if (get && path === '/api/nodes') return sendJson(res, 200, await nodeHealth(o.nodes ?? []));
    if (get && path === '/api/apps') return sendJson(res, 200, apps.list());
    if (post && path === '/api/apps') {
      const meta = parseMeta(await readJson(req));
      apps.add(meta);
      return sendJson(res, 200, meta);
    }
    if (post && path === '/api/prove') {
      const params = url.searchParams.get('params') ?? '';
      const circuit = url.searchParams.get('circuit');
      // Validated before the body is read: a circuit this server has not prepared is refused.
      const program = circuit === null ? undefined : needPrograms().circuit(params, circuit);
      program?.catch(() => undefined);
      const witness = await readBody(req, MAX_WITNESS_BYTES);
      return sendJson(res, 200, await prover.prove(params, witness, program && (() => program)));
    }
    if (post && path === '/rpc') {
      const body = await readBody(req, MAX_RPC_BODY);
      const r = await fetch(o.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(120_000) });
      return send(res, r.status, 'application/json', new Uint8Array(await r.arrayBuffer()));
    }
    if (post && path === '/api/dev/warp') {
      if (!o.dev) return sendJson(res, 404, { error: 'not a dev network: the chain clock is not ours to move' });
      const j = (await readJson(req)) as { to?: unknown };
      if (typeof j.to !== 'string' || !/^[0-9]{1,12}$/.test(j.to)) throw new WebRequestError('`to` must be a unix time in seconds, as a decimal string');
      await o.dev.warpTo(BigInt(j.to));
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, get || post ? 404 : 405, { error: get || post ? 'not found' : 'method not allowed' });
  }

  const server: Server = createServer((req, res) => void route(req, res).catch((e: unknown) => sendError(res, e)));
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await programs?.close();
    },
  };
}
