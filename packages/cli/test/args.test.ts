/** The parser, help and usage errors, in process (no chain): exit code 2 and a pointer to --help. */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defineCommand, parseCommandArgs, commandHelp } from '../src/args.js';
import { UsageError } from '../src/errors.js';
import { COMMANDS } from '../src/commands/index.js';
import { runInProcess } from './helpers.js';

const probe = defineCommand({
  path: ['probe'],
  summary: 'test command',
  description: 'test',
  options: {
    n: { kind: 'integer', default: 3, min: 2, max: 64, description: 'n' },
    mode: { kind: 'choice', choices: ['a', 'b'], default: 'a', description: 'mode' },
    url: { kind: 'string', env: 'PROBE_URL', description: 'url' },
    must: { kind: 'string', required: true, description: 'required' },
    flag: { kind: 'boolean', short: 'f', description: 'flag' },
  },
  async run() {},
});

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCommandArgs(probe, argv, env);

describe('parseCommandArgs', () => {
  it('applies defaults, environment fallbacks and flags', () => {
    assert.deepEqual(parse(['--must', 'x']), { n: 3, mode: 'a', url: undefined, must: 'x', flag: false });
    assert.deepEqual(parse(['--must=x', '-f', '--n', '64', '--mode', 'b'], { PROBE_URL: 'http://e' }), { n: 64, mode: 'b', url: 'http://e', must: 'x', flag: true });
    assert.equal(parse(['--must', 'x', '--url', 'flag'], { PROBE_URL: 'env' }).url, 'flag', 'the flag wins over the environment');
  });

  it('accepts exactly the integers in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        const ok = n >= 2 && n <= 64;
        try {
          assert.equal(parse(['--must', 'x', `--n=${n}`]).n, n);
          return ok;
        } catch (e) {
          return !ok && e instanceof UsageError && e.exitCode === 2 && /--n must be in 2\.\.64/.test(e.shortMessage);
        }
      }),
    );
  });

  it('rejects malformed values, unknown flags, positionals and missing required flags with UsageError', () => {
    for (const argv of [
      ['--must', 'x', '--n', '3.5'],
      ['--must', 'x', '--n', '0x10'],
      ['--must', 'x', '--n', ''],
      ['--must', 'x', '--mode', 'c'],
      ['--must', 'x', '--nope'],
      ['--must', 'x', 'stray'],
      ['--must'],
      [],
    ]) {
      assert.throws(() => parse(argv), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && (e.hint ?? '').includes('e3 probe --help'), argv.join(' '));
    }
  });
});

describe('help', () => {
  it('every command answers --help with exit 0 and documents each of its options', async () => {
    for (const c of COMMANDS) {
      const r = await runInProcess([...c.path, '--help']);
      assert.equal(r.code, 0, c.path.join(' '));
      assert.ok(r.stdout.startsWith(`Usage: e3 ${c.path.join(' ')}`), r.stdout);
      for (const name of Object.keys(c.options)) assert.ok(r.stdout.includes(`--${name}`), `${c.path.join(' ')} --help lacks --${name}`);
      assert.equal(r.stdout, commandHelp(c));
      const alias = await runInProcess(['help', ...c.path]);
      assert.equal(alias.stdout, r.stdout, '`e3 help <cmd>` = `e3 <cmd> --help`');
    }
  });

  it('root help lists every command; no command is a usage error (2)', async () => {
    const r = await runInProcess(['--help']);
    assert.equal(r.code, 0);
    for (const c of COMMANDS) assert.ok(r.stdout.includes(c.path.join(' ')));
    assert.equal((await runInProcess([])).code, 2);
  });

  it('unknown commands and bad flags exit 2 with a pointer to help', async () => {
    const unknown = await runInProcess(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command `frobnicate`[\s\S]*e3 --help/);
    const bad = await runInProcess(['dev', '--n', 'three']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--n expects a whole number[\s\S]*e3 dev --help/);
    const t = await runInProcess(['dev', '--n', '3', '--threshold', '3']);
    assert.equal(t.code, 2);
    assert.match(t.stderr, /--threshold must be below --n/);
    const fold = await runInProcess(['dev', '--fold', '--no-proofs']);
    assert.equal(fold.code, 2);
    assert.match(fold.stderr, /--fold needs the committee’s proofs/);
    const params = await runInProcess(['dev', '--params', 'N4096']);
    assert.equal(params.code, 2);
    assert.match(params.stderr, /INSECURE_N512, INSECURE_N1024, PRODUCTION_N8192/);
  });
});
