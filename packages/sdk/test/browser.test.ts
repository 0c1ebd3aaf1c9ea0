/**
 * The SDK in a browser: bundled with esbuild, served from http://127.0.0.1:<port> (crypto.subtle
 * needs a secure context), loaded in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core), where it encrypts under a key and solves the user-encryption witness with
 * noir_js (WebAssembly ACVM: every constraint of the circuit holds) on INSECURE_N512. bb.js 5's
 * WebAssembly prover is then given the development CRS points served by this test (offline) and
 * refuses them — it pins the Aztec ceremony's tau·G (asserted: with ceremony points the same call
 * proves). Node proves the page's witness with the native prover, the deployed input verifier
 * accepts the proof (and rejects it under another context), and the ciphertext decrypts.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { bfvParameters, INSECURE_N512, genSecretKey, genPublicKey, encodePublicKey, decrypt, decodeCoeffs, Ciphertext } from '@interfold/bfv';
import { decodeCiphertext, inputContext, userEncryptionLayout } from '@interfold/circuits';
import { bundlePage, CHROMIUM, pageResult, proverRoutes, serveRoutes } from './browser/harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `skipped: ${CHROMIUM} is absent (apt-get install -y chromium; CI installs it)` : false;

test('the SDK bundle encrypts and solves the proof witness in headless Chromium (INSECURE_N512); Node proves that witness and the chain verifier accepts it', { skip, timeout: 170_000 }, async () => {
  const params = bfvParameters(INSECURE_N512);
  const js = await bundlePage(join(here, 'browser', 'page.ts'));
  const sk = genSecretKey(params);
  const pk = genPublicKey(params, sk);
  // Circuit assets and, at the end, the verification: in a child process (see browser/node-side.ts).
  const dir = mkdtempSync(join(tmpdir(), 'sdk-browser-'));
  const nodeSide = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', join(here, 'browser', 'node-side.ts'), ...args], { encoding: 'utf8', timeout: 120_000 });
  nodeSide('assets', dir);
  const message = [1, 0, 0, 1, 7, 42];
  const context = inputContext({ chainId: 31337, orchestrator: '0x5FbDB2315678afecb367f032d93F642f64180aa3', e3Id: 3n, submitter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' });
  const circuit = JSON.parse(readFileSync(join(dir, 'circuit.json'), 'utf8')) as { program: unknown; vk: string };
  const server = await serveRoutes(
    proverRoutes({
      js,
      pk,
      circuit: { program: circuit.program, vk: Buffer.from(circuit.vk, 'hex') },
      crs: { g1: readFileSync(join(dir, 'g1.bin')), g2: readFileSync(join(dir, 'g2.bin')) },
      config: { context: context.toString(), message },
    }),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const { result: out, logs } = await pageResult<{ ok: true; witness: string; bbWasm: string; ciphertext: string; ms: number } | { ok: false; error: string }>(
      await browser.newPage(),
      server.url,
      160_000,
    );
    assert.ok(out.ok, out.ok ? '' : `${out.error}\n${logs.join('\n')}`);
    console.log(`browser: encrypt + solve the circuit witness ${Math.round(out.ms)} ms; bb.js WebAssembly: ${out.bbWasm}`);
    // bb.js 5's WebAssembly backend pins the Aztec ceremony CRS: offline, with the development CRS, it refuses.
    assert.match(out.bbWasm, /canonical trusted-setup/);
    const file = join(dir, 'out.json');
    writeFileSync(file, JSON.stringify({ pk: Buffer.from(encodePublicKey(pk)).toString('hex'), ciphertext: out.ciphertext, witness: out.witness, context: context.toString() }));
    const v = JSON.parse(nodeSide('verify', file).trim().split('\n').pop()!) as { ok: boolean; reason: string | null; otherContext: boolean; gas: string };
    assert.equal(v.ok, true, v.reason ?? '');
    assert.equal(v.otherContext, false);
    console.log(`browser proof verified by the deployed input verifier: ${v.gas} gas`);
    const ct = decodeCiphertext(Buffer.from(out.ciphertext, 'hex'), userEncryptionLayout(params));
    // The ciphertext decrypts to the message (bfv Ciphertext rebuilt from the canonical residues).
    const polys = [ct.ct0, ct.ct1].map((limbs) => {
      const p = params.ring.zero(false);
      limbs.forEach((limb, i) => limb.forEach((c, j) => ((p.limbs[i] as Float64Array)[j] = Number(c < 0n ? c + params.moduli[i]! : c))));
      return p;
    });
    const pt = decodeCoeffs(decrypt(params, sk, new Ciphertext(params, polys)));
    assert.deepEqual(pt.slice(0, message.length).map(Number), message);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
