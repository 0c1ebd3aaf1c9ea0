/**
 * The page bundle: src/page/main.ts bundled by esbuild for the browser, once per server start, in
 * memory. @interfold/bfv uses Node's Buffer, so the `buffer` package is injected (docs/SDK.md "In a
 * browser"); the contracts package's anvil launcher imports Node built-ins the page never calls,
 * which resolve to an empty module here.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { BundleError } from './errors.js';

const pageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'page');

const stubNodeBuiltins: Plugin = {
  name: 'stub-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:.*|fs|path|url|module|child_process|net|os|crypto|zlib|worker_threads|util|stream|events)$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

export async function buildPage(): Promise<Uint8Array> {
  try {
    const r = await build({
      entryPoints: [join(pageDir, 'main.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
      plugins: [stubNodeBuiltins],
      inject: [join(pageDir, 'buffer-shim.ts')],
    });
    const out = r.outputFiles[0];
    if (!out) throw new Error('esbuild produced no output');
    return out.contents;
  } catch (cause) {
    throw new BundleError('building the page bundle failed', { details: cause instanceof Error ? cause.message : String(cause), cause });
  }
}
