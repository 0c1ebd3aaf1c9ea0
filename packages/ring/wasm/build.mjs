#!/usr/bin/env node
/**
 * `npm run build:wasm`: compiles the NTT kernel (ntt.as.ts, AssemblyScript) and writes
 * packages/ring/src/wasm/kernel.ts, which carries the .wasm bytes as a base64 constant so that a
 * fresh clone runs without any compile step. The generated file records the SHA-256 of the
 * kernel source and of this script; packages/ring/test/ntt-wasm.test.ts fails when either
 * changed without a rebuild.
 *
 * Flags: -O3 for speed, --noAssert, --runtime stub (the kernel allocates nothing: it works on raw
 * memory the JS side manages), --enable simd (128-bit SIMD, supported by Node ≥ 16.4).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const sourcePath = join(here, 'ntt.as.ts');
const scriptPath = fileURLToPath(import.meta.url);
const outPath = join(here, '..', 'src', 'wasm', 'kernel.ts');

const FLAGS = ['-O3', '--noAssert', '--runtime', 'stub', '--enable', 'simd'];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let binary = null;
const stderr = [];
const result = await asc.main([relative(process.cwd(), sourcePath), ...FLAGS, '--outFile', 'kernel.wasm'], {
  writeFile(name, contents) {
    if (name.endsWith('kernel.wasm')) binary = contents;
  },
  stderr: { write: (s) => stderr.push(String(s)) },
});
if (result.error || binary === null) {
  process.stderr.write(stderr.join(''));
  throw new Error(`asc failed: ${result.error ? result.error.message : 'no binary emitted'}`);
}
// Sanity: the emitted bytes must be a valid module for this Node.
new WebAssembly.Module(binary);

const ascVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'assemblyscript', 'package.json'), 'utf8')).version;
const b64 = Buffer.from(binary).toString('base64');
const lines = b64.match(/.{1,100}/g) ?? [];
const text = `// GENERATED FILE: do not edit. Regenerate with \`npm run build:wasm\`.
// Source: packages/ring/wasm/ntt.as.ts, compiled by packages/ring/wasm/build.mjs with
// AssemblyScript ${ascVersion} (asc ${FLAGS.join(' ')}). ${binary.length} bytes of WebAssembly.
// source-sha256: ${sha256(readFileSync(sourcePath))}

/** SHA-256 (hex) of packages/ring/wasm/ntt.as.ts at the time of the build. */
export const KERNEL_SOURCE_SHA256 = '${sha256(readFileSync(sourcePath))}';
/** SHA-256 (hex) of packages/ring/wasm/build.mjs (compiler flags) at the time of the build. */
export const KERNEL_BUILD_SHA256 = '${sha256(readFileSync(scriptPath))}';
/** SHA-256 (hex) of the decoded .wasm bytes. */
export const KERNEL_WASM_SHA256 = '${sha256(binary)}';
/** The compiled kernel, base64. */
export const KERNEL_WASM_BASE64 =
${lines.map((l) => `  '${l}'`).join(' +\n')};
`;
writeFileSync(outPath, text);
console.log(`wrote ${relative(root, outPath)}: ${binary.length} bytes of wasm (sha256 ${sha256(binary).slice(0, 16)}…)`);
