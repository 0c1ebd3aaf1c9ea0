/**
 * Program plugins (session-3 agreement, src/core/program.ts, src/daemon/programs.ts,
 * src/config/programs.ts): the `programs` config entry, the module loader and its typed errors,
 * and a plugin run over real INSECURE_N512 ciphertexts through the input log with its context.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bfvParameters, decodeCoeffs, decrypt, encodeCoeffs, encrypt, genPublicKey, genSecretKey, INSECURE_N512 } from '@interfold/bfv';
import { encodeQuorumInput, nextInputRoot, ZERO_ROOT } from '@interfold/contracts';
import { SeededSource } from '@interfold/ring';
import { bytesToHex, getAddress, hexToBytes, keccak256, type Hex } from 'viem';
import { ConfigError, loadConfig } from '../src/config/index.js';
import { ciphertextToBytes, InputLog, ProgramFailedError, ProgramRegistry, sumProgram, UnknownProgramError } from '../src/core/index.js';
import { loadProgram, loadPrograms, ProgramModuleError, StartupError } from '../src/daemon/index.js';
import * as lastInput from './fixtures/programs/last-input.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/programs/${name}.ts`, import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'programs-'));

describe('programs config', () => {
  it('file entries: decimal ids, relative modules resolved against the file, package names kept', async () => {
    const f = join(dir, 'c.json');
    await writeFile(f, JSON.stringify({ programs: [{ id: '7', module: './p.ts' }, { id: '8', module: '@acme/prog' }, { id: '9', module: '/abs/q.js' }] }));
    const c = loadConfig({ file: f, env: {}, cwd: '/cwd' });
    assert.deepEqual(c.programs, [
      { id: 7n, module: join(dir, 'p.ts') },
      { id: 8n, module: '@acme/prog' },
      { id: 9n, module: '/abs/q.js' },
    ]);
    assert.deepEqual(loadConfig({ env: {} }).programs, []);
  });
  it('flags > env > file; --program repeatable, env comma-separated', async () => {
    const f = join(dir, 'c2.json');
    await writeFile(f, JSON.stringify({ programs: [{ id: '1', module: 'a' }] }));
    const env = { INTERFOLD_PROGRAMS: '2=b, 3=./c.js' };
    assert.deepEqual(loadConfig({ file: f, env, cwd: '/w' }).programs, [
      { id: 2n, module: 'b' },
      { id: 3n, module: '/w/c.js' },
    ]);
    assert.deepEqual(loadConfig({ file: f, env, argv: ['--program', '4=d', '--program=5=e'], cwd: '/w' }).programs, [
      { id: 4n, module: 'd' },
      { id: 5n, module: 'e' },
    ]);
  });
  it('bad entries are ConfigErrors naming the entry', async () => {
    const bad: [unknown, string][] = [
      [{ id: 7, module: 'x' }, 'programs[0]'], // number, not a decimal string
      [{ id: '-1', module: 'x' }, 'programs[0]'],
      [{ id: '0x10', module: 'x' }, 'programs[0]'],
      [{ id: (1n << 256n).toString(), module: 'x' }, 'programs[0]'],
      [{ id: '1', module: '' }, 'programs[0]'],
      [{ id: '1', module: 'x', extra: true }, 'programs[0].extra'],
      ['x', 'programs[0]'],
    ];
    for (const [entry, field] of bad) {
      const f = join(dir, 'bad.json');
      await writeFile(f, JSON.stringify({ programs: [entry] }));
      assert.throws(() => loadConfig({ file: f, env: {} }), (e: unknown) => e instanceof ConfigError && e.field === field, JSON.stringify(entry));
    }
    const f = join(dir, 'bad2.json');
    await writeFile(f, JSON.stringify({ programs: { id: '1' } }));
    assert.throws(() => loadConfig({ file: f, env: {} }), (e: unknown) => e instanceof ConfigError && e.field === 'programs');
    assert.throws(() => loadConfig({ env: {}, argv: ['--program', '1=a', '--program', '1=b'] }), (e: unknown) => e instanceof ConfigError && /twice/.test(e.message));
    assert.throws(() => loadConfig({ env: { INTERFOLD_PROGRAMS: 'nomodule' } }), (e: unknown) => e instanceof ConfigError && e.field === 'programs[0]');
  });
});

describe('program modules', () => {
  it('loads a module exporting createProgram under the configured id; sum stays under the dev id', async () => {
    const reg = await loadPrograms([{ id: 42n, module: fixture('last-input') }], 5n);
    assert.equal(reg.get(42n).name, 'last-input');
    assert.equal(reg.get(42n).id, 42n);
    assert.equal(reg.get(5n).name, 'sum');
    assert.deepEqual(reg.ids().sort((a, b) => (a < b ? -1 : 1)), [5n, 42n]);
    assert.throws(() => reg.get(6n), UnknownProgramError);
    // A module under the dev id replaces the built-in sum.
    assert.equal((await loadPrograms([{ id: 5n, module: fixture('last-input') }], 5n)).get(5n).name, 'last-input');
  });
  it('missing, malformed or failing modules are typed ProgramModuleErrors (a startup error)', async () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'does-not-exist.js'), /Cannot import/],
      ['@interfold/no-such-package', /Cannot import/],
      [fixture('throws-on-import'), /Cannot import/],
      [fixture('no-factory'), /does not export a createProgram/],
      [fixture('wrong-id'), /another id/],
      [fixture('no-compute'), /no compute/],
    ];
    for (const [module, msg] of cases) {
      await assert.rejects(loadProgram({ id: 1n, module }), (e: unknown) => e instanceof ProgramModuleError && e instanceof StartupError && msg.test(e.message), module);
    }
  });
});

describe('programs over the input log', () => {
  const params = bfvParameters(INSECURE_N512);
  const src = new SeededSource('programs', 'test');
  const sk = genSecretKey(params, src);
  const pk = genPublicKey(params, sk, { src });
  const submitters = [1, 2, 3].map((i) => getAddress(`0x${i.toString(16).padStart(40, '0')}`));
  const log = new InputLog();
  const data: Hex[] = [];
  let root: Hex = ZERO_ROOT;
  [3, 4, 5].forEach((v, i) => {
    const ct = encrypt(params, pk, encodeCoeffs(params, [v]), src);
    const d = encodeQuorumInput(bytesToHex(ciphertextToBytes(ct)), '0x');
    root = nextInputRoot(root, BigInt(i), d);
    data.push(d);
    log.add({ name: 'InputPublished', e3Id: 9n, index: BigInt(i), sender: submitters[i], data: d, inputHash: keccak256(d), inputRoot: root, blockNumber: 1n, logIndex: i, blockTimestamp: 0n } as never);
  });
  const context = { e3Id: 9n, committee: submitters.slice(0, 2) };
  const first = (ct: Parameters<typeof decrypt>[2]) => decodeCoeffs(decrypt(params, sk, ct))[0];

  it('a plugin gets every accepted input (index, submitter, ciphertext, raw data) in chain order, and the context', async () => {
    const reg = await loadPrograms([{ id: 42n, module: fixture('last-input') }]);
    lastInput.calls.length = 0;
    const out = log.compute(reg.get(42n), params, context);
    assert.equal(first(out), 5);
    assert.equal(lastInput.calls.length, 1);
    const call = lastInput.calls[0];
    assert.deepEqual(call.context, context);
    assert.deepEqual(call.inputs.map((i) => i.index), [0n, 1n, 2n]);
    assert.deepEqual(call.inputs.map((i) => i.submitter), submitters);
    assert.deepEqual(call.inputs.map((i) => bytesToHex(i.data)), data);
    assert.deepEqual(call.inputs.map((i) => first(i.ciphertext)), [3, 4, 5]);
  });
  it('sum stays the built-in: 3 + 4 + 5', () => {
    assert.equal(first(log.compute(new ProgramRegistry([sumProgram(1n)]).get(1n), params, context)), 12);
  });
  it('a program that throws or returns no ciphertext is a typed ProgramFailedError', async () => {
    const bad = await loadProgram({ id: 3n, module: fixture('bad-output') });
    assert.throws(() => log.compute(bad, params, context), (e: unknown) => e instanceof ProgramFailedError && /threw/.test(e.message) && /boom/.test(String(e.details)));
    const one = new InputLog();
    const d = data[0];
    one.add({ name: 'InputPublished', e3Id: 9n, index: 0n, sender: submitters[0], data: d, inputHash: keccak256(d), inputRoot: nextInputRoot(ZERO_ROOT, 0n, d), blockNumber: 1n, logIndex: 0, blockTimestamp: 0n } as never);
    assert.throws(() => one.compute(bad, params, context), (e: unknown) => e instanceof ProgramFailedError && /did not return/.test(e.message));
    assert.equal(hexToBytes(d).length > 0, true);
  });
});
