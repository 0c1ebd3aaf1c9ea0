/**
 * Gate count of the auction bid circuit (noir/auction_bid) for a parameter set and K levels:
 * compiles (noir_wasm, cached) and counts with bb; no CRS, no key. `render` instead writes the
 * committed program.nr (INSECURE_N512 defaults: K = 4).
 *
 *   node --import tsx apps/auction/scripts/bid-gates.ts INSECURE_N512|INSECURE_N1024|PRODUCTION_N8192 <K> [render|no-ntt]
 *
 * `no-ntt` compiles main.nr without the three slot checks (an overlay; for the cost breakdown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { bfvParameters, INSECURE_N512, INSECURE_N1024, PRODUCTION } from '@interfold/bfv';
import { renderAuctionBidNr, renderParamsNr, userEncryptionLayout } from '@interfold/circuits';
import { compileNoirPackage } from '../../../packages/circuits/src/noir/compile.js';
import { resolveConfig } from '../../../packages/circuits/src/config.js';
import { BbSession, decodeAcir } from '../../../packages/circuits/src/prover/barretenberg.js';

const sets: Record<string, typeof PRODUCTION> = { INSECURE_N512, INSECURE_N1024, PRODUCTION_N8192: PRODUCTION };
const name = process.argv[2]!, K = Number(process.argv[3]);
if (!sets[name] || !Number.isSafeInteger(K)) throw new Error('usage: bid-gates.ts <set> <K> [render]');
const params = bfvParameters(sets[name]);
const program = renderAuctionBidNr(params, { levels: K });
if (process.argv[4] === 'render') {
  writeFileSync(new URL('../../../packages/circuits/noir/auction_bid/src/program.nr', import.meta.url), program);
} else {
  const cfg = resolveConfig();
  let t0 = performance.now();
  const overlays: Record<string, string> = { 'auction_bid/src/params.nr': renderParamsNr(userEncryptionLayout(params)), 'auction_bid/src/program.nr': program };
  if (process.argv[4] === 'no-ntt') {
    const main = readFileSync(new URL('../../../packages/circuits/noir/auction_bid/src/main.nr', import.meta.url), 'utf8');
    overlays['auction_bid/src/main.nr'] = main.replace(/^ {4}check_slots\(.*\);$/gm, '');
  }
  const { program: compiled } = await compileNoirPackage('auction_bid', cfg.cacheDir, overlays);
  const compileS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const bb = await BbSession.open(join(cfg.cacheDir, 'dev-crs'), cfg.threads);
  try {
    const g = await bb.gates(decodeAcir(compiled.bytecode));
    console.log(JSON.stringify({ set: name, K, variant: process.argv[4] ?? 'full', ...g, compile_s: compileS, count_s: (performance.now() - t0) / 1000 }));
  } finally {
    await bb.close();
  }
}
