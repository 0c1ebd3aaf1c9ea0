/**
 * The Node side shared by the SDK's browser test (test/browser.test.ts) and the browser bench
 * (bench/browser.ts): bundle a page with esbuild, serve it with the SDK's circuit assets from
 * http://127.0.0.1:<port> (crypto.subtle needs a secure context), and read the result the page
 * leaves in `globalThis.__result`.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { Page } from 'playwright-core';
import { encodePublicKey, type PublicKey } from '@interfold/bfv';

export const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Node built-ins imported by modules the page never calls (the anvil launcher): an empty CommonJS module. */
const stubNodeBuiltins: Plugin = {
  name: 'stub-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:.*|fs|path|url|module|child_process|net|os|crypto|zlib|worker_threads|util|stream|events)$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** The page's ES module bundle, with the Buffer shim @interfold/bfv needs (buffer-shim.ts). */
export async function bundlePage(entry: string): Promise<Uint8Array> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [stubNodeBuiltins],
    inject: [join(here, 'buffer-shim.ts')],
  });
  return bundle.outputFiles[0]!.contents;
}

export type Routes = Record<string, [contentType: string, body: Uint8Array | string]>;

/**
 * The routes a page using `createBrowserProver` reads (page-prover.ts): the bundle, noir's two
 * WebAssembly modules, the key, the circuit (program + vk) and its CRS points, and a config.
 */
export function proverRoutes(o: { js: Uint8Array; pk: PublicKey; circuit: { program: unknown; vk: Uint8Array }; crs: { g1: Uint8Array; g2: Uint8Array }; config: unknown }): Routes {
  const acvmDir = dirname(require.resolve('@noir-lang/acvm_js/package.json'));
  const abiDir = dirname(require.resolve('@noir-lang/noirc_abi/package.json'));
  return {
    '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>interfold sdk</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', o.js],
    '/wasm/acvm_js_bg.wasm': ['application/wasm', readFileSync(join(acvmDir, 'web', 'acvm_js_bg.wasm'))],
    '/wasm/noirc_abi_wasm_bg.wasm': ['application/wasm', readFileSync(join(abiDir, 'web', 'noirc_abi_wasm_bg.wasm'))],
    '/assets/pk.bin': ['application/octet-stream', encodePublicKey(o.pk)],
    '/assets/g1.bin': ['application/octet-stream', o.crs.g1],
    '/assets/g2.bin': ['application/octet-stream', o.crs.g2],
    '/assets/circuit.json': ['application/json', JSON.stringify({ program: o.circuit.program, vk: Buffer.from(o.circuit.vk).toString('hex') })],
    '/assets/config.json': ['application/json', JSON.stringify(o.config)],
  };
}

/** Serves `routes` on 127.0.0.1 (any other path: 404). */
export async function serveRoutes(routes: Routes): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const r = routes[req.url ?? ''];
    if (!r) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': r[0] }).end(r[1]);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** Opens `url` and waits for the page's `globalThis.__result`; console lines and page errors are kept for a failure message. */
export async function pageResult<T>(page: Page, url: string, timeoutMs: number): Promise<{ result: T; logs: string[] }> {
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: timeoutMs, polling: 500 });
  const result = (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as T;
  return { result, logs };
}
