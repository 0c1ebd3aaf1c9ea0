/**
 * The compile cache is keyed per circuit package (src/noir/compile.ts): the package's own sources,
 * those of its path dependencies (Nargo.toml, transitively), the overlays and the compiler version.
 * Checked on a temporary copy of the workspace: editing one circuit changes only its key and
 * recompiles only it; editing `lib` changes every circuit's key; the workspace's root Nargo.toml
 * and unrelated packages are not part of any key. Two real compiles (sponge_vectors, the smallest,
 * twice at once: concurrent writers leave one artifact, and nothing is printed on stdout).
 */
import { test, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_DIR, compileKey, compileNoirPackage, nargoPathDependencies, packageClosure } from '../src/noir/compile.js';
import { resolveConfig } from '../src/config.js';
import { CircuitArtifactError } from '../src/errors.js';

const PACKAGES = ['sponge_vectors', 'c0_transport_pk', 'c1_pk_share', 'c5_pk_aggregation', 'user_encryption'];
let ws: string;
const keys = () => Object.fromEntries(PACKAGES.map((p) => [p, compileKey(p, {}, ws)]));
const changed = (a: Record<string, string>, b: Record<string, string>) => PACKAGES.filter((p) => a[p] !== b[p]);

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'ifold-noir-ws-'));
  cpSync(WORKSPACE_DIR, ws, { recursive: true });
});

after(() => rmSync(ws, { recursive: true, force: true }));

test('a package depends on itself and the path dependencies of its Nargo.toml', () => {
  assert.deepEqual(packageClosure('c1_pk_share', ws), ['c1_pk_share', 'lib']);
  assert.deepEqual(packageClosure('lib', ws), ['lib']);
  // The copy has the same keys as the workspace itself: keys cover relative paths and contents.
  assert.equal(compileKey('c1_pk_share', {}, ws), compileKey('c1_pk_share'));
});

test('editing one circuit changes only its key; editing lib changes every key; the root Nargo.toml and other packages change none', () => {
  const k0 = keys();
  appendFileSync(join(ws, 'c1_pk_share', 'src', 'main.nr'), '\n// edited\n');
  const k1 = keys();
  assert.deepEqual(changed(k0, k1), ['c1_pk_share']);
  appendFileSync(join(ws, 'Nargo.toml'), '\n# edited\n');
  mkdirSync(join(ws, 'new_circuit', 'src'), { recursive: true });
  writeFileSync(join(ws, 'new_circuit', 'Nargo.toml'), '[package]\nname = "new_circuit"\ntype = "bin"\n\n[dependencies]\ninterfold = { path = "../lib" }\n');
  writeFileSync(join(ws, 'new_circuit', 'src', 'main.nr'), 'fn main(x: Field) { assert(x == 1); }\n');
  assert.deepEqual(changed(k1, keys()), []);
  appendFileSync(join(ws, 'lib', 'src', 'lib.nr'), '\n// edited\n');
  assert.deepEqual(changed(k1, keys()), PACKAGES);
  // Overlays are part of their package's key only.
  assert.notEqual(compileKey('c0_transport_pk', { 'c0_transport_pk/src/params.nr': '// other\n' }, ws), compileKey('c0_transport_pk', {}, ws));
});

test('an edit to another circuit leaves an artifact cached; an edit to the circuit recompiles it', async () => {
  const fresh = mkdtempSync(join(tmpdir(), 'ifold-noir-ws-'));
  try {
    cpSync(WORKSPACE_DIR, fresh, { recursive: true });
    // The shared cache: sponge.test.ts and toolchain.test.ts compile the same key.
    const cacheDir = resolveConfig().cacheDir;
    const a = await compileNoirPackage('sponge_vectors', cacheDir, {}, { workspace: fresh });
    appendFileSync(join(fresh, 'c1_pk_share', 'src', 'main.nr'), '\n// edited\n');
    appendFileSync(join(fresh, 'Nargo.toml'), '\n# edited\n');
    const b = await compileNoirPackage('sponge_vectors', cacheDir, {}, { workspace: fresh });
    assert.equal(b.cached, true);
    assert.equal(b.hash, a.hash);
    // A private cache, so the recompile is observable and concurrent runs cannot interfere.
    const own = mkdtempSync(join(tmpdir(), 'ifold-noir-cache-'));
    try {
      appendFileSync(join(fresh, 'sponge_vectors', 'src', 'main.nr'), '\n// a comment: same program, new key\n');
      // noir_wasm prints "Compiling at …" with console.log: none of it may reach stdout (e3 dev
      // --json prints one JSON document there), and console.log is restored after both compiles.
      const stdoutLines: unknown[][] = [];
      const spy = (...args: unknown[]) => void stdoutLines.push(args);
      const saved = console.log;
      console.log = spy;
      let c, d;
      try {
        [c, d] = await Promise.all([
          compileNoirPackage('sponge_vectors', own, {}, { workspace: fresh }),
          compileNoirPackage('sponge_vectors', own, {}, { workspace: fresh }).catch((e: unknown) => e),
        ]);
        assert.equal(console.log, spy, 'console.log restored after overlapping compiles');
      } finally {
        console.log = saved;
      }
      assert.deepEqual(stdoutLines, []);
      assert.equal(c.cached, false);
      assert.notEqual(c.hash, a.hash);
      assert.equal(c.program.bytecode, a.program.bytecode);
      assert.ok(!(d instanceof Error), String(d));
      const e = await compileNoirPackage('sponge_vectors', own, {}, { workspace: fresh });
      assert.equal(e.cached, true);
      // Atomic writes: one artifact, no temporary files or build directories left behind.
      assert.deepEqual(readdirSync(join(own, 'artifacts')), [`sponge_vectors-${c.hash}.json`]);
      assert.deepEqual(readdirSync(join(own, 'build')), []);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});

test('only path dependencies inside the workspace are accepted; overlays cannot escape it', async () => {
  const bad = (toml: string) => {
    writeFileSync(join(ws, 'new_circuit', 'Nargo.toml'), `[package]\nname = "new_circuit"\ntype = "bin"\n\n${toml}\n`);
    assert.throws(() => nargoPathDependencies(ws, 'new_circuit'), CircuitArtifactError, toml);
  };
  mkdirSync(join(ws, 'new_circuit', 'src'), { recursive: true });
  bad('[dependencies]\nstd2 = { git = "https://github.com/noir-lang/x", tag = "v1" }');
  bad('[dependencies]\nup = { path = "../../outside" }');
  bad('[dependencies.interfold]\npath = "../lib"');
  writeFileSync(join(ws, 'new_circuit', 'Nargo.toml'), '[package]\nname = "new_circuit"\n# a comment\n[dependencies]\ninterfold = { path = "../lib" } # the lib\n');
  assert.deepEqual(nargoPathDependencies(ws, 'new_circuit'), ['lib']);
  assert.throws(() => packageClosure('no_such_package', ws), CircuitArtifactError);
  await assert.rejects(compileNoirPackage('sponge_vectors', tmpdir(), { '../escape.nr': '' }, { workspace: ws }), CircuitArtifactError);
});
