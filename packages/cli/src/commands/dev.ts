/** `e3 dev`: a whole E3 on a local network (see src/dev/run.ts). */
import { defineCommand } from '../args.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { PARAM_SET_NAMES, PROGRAM_NAMES } from '../names.js';
import { DEV_DIR } from '../options.js';

export const devCommand = defineCommand({
  path: ['dev'],
  summary: 'run a whole E3 on a local network (anvil, contracts, n ciphernodes) and check its result',
  description:
    'Starts anvil, deploys every contract, creates and bonds n node identities, starts n ciphernode daemons as ' +
    'child processes, requests an E3, encrypts, proves and submits k inputs through the SDK, follows every stage, ' +
    'prints the verified result with the time of each stage and the gas spent, then stops everything it started ' +
    '(Ctrl-C too).\n' +
    'Progress goes to stderr (live on a terminal, plain lines otherwise); the summary, or with --json one JSON ' +
    'object, goes to stdout. Exit code 6 if the E3 fails or its result is wrong.',
  options: {
    n: { kind: 'integer', default: 3, min: 2, max: 64, placeholder: 'count', description: 'committee size (number of ciphernodes)' },
    threshold: { kind: 'integer', min: 1, max: 63, placeholder: 'T', description: 'threshold T: any T + 1 members decrypt, T learn nothing (default max(1, floor((n-1)/2)))' },
    params: { kind: 'choice', choices: PARAM_SET_NAMES, description: 'BFV parameter set (INSECURE sets are for development only; default INSECURE_N512, INSECURE_N1024 for --program auction: depth 1)' },
    inputs: { kind: 'integer', default: 3, min: 1, max: 1000, placeholder: 'k', description: 'number of inputs to encrypt, prove and submit' },
    program: { kind: 'choice', choices: PROGRAM_NAMES, default: 'sum', description: 'the program run over the inputs' },
    keep: { kind: 'boolean', description: 'after the E3, leave the network running (deployment in <dir>/deployment.json) until Ctrl-C' },
    ui: { kind: 'boolean', description: 'serve the ballot, data-pool and dashboard web pages on this network (from the daemons\' start; implies --keep)' },
    'ui-port': { kind: 'integer', default: 0, min: 0, max: 65_535, placeholder: 'port', description: 'port of the --ui pages (0: any free port; the URL is printed)' },
    'no-proofs': { kind: 'boolean', description: 'development only: the daemons do not prove or check the DKG and decryption steps, and the plaintext is accepted on T + 1 committee signatures instead of the C6/C7 proofs (faster)' },
    fold: {
      kind: 'boolean',
      description:
        'with proofs: the public key goes on chain with ONE folded proof (every member’s recursive C1 proof and C5 in one circuit, PkAggregateAdapter) instead of T + 1 signatures, and the plaintext with ONE folded proof (T + 1 recursive C6 proofs and C7, DecryptionAggregateAdapter) instead of T + 2; the first run makes the 2^22 + 1-point development CRS',
    },
    json: { kind: 'boolean', description: 'print one JSON object on stdout (progress stays on stderr)' },
    dir: { kind: 'string', default: DEV_DIR, placeholder: 'path', description: 'state directory: keystores, node stores, configs, logs, deployment.json (wiped at start)' },
    timeout: { kind: 'integer', default: 600, min: 10, max: 86_400, placeholder: 'seconds', description: 'limit for the E3 from request to result' },
  },
  examples: ['npm run e3 -- dev', 'npm run e3 -- dev --n 5 --threshold 2 --inputs 10', 'npm run e3 -- dev --json > run.json', 'npm run e3 -- dev --params PRODUCTION_N8192', 'npm run e3 -- dev --ui'],
  async run(v, io) {
    const threshold = v.threshold ?? Math.max(1, Math.floor((v.n - 1) / 2));
    if (threshold >= v.n) {
      throw new UsageError('--threshold must be below --n', { details: `n = ${v.n}, T = ${threshold}`, hint: 'any T + 1 of n members decrypt: pick T ≤ n - 1' });
    }
    if (v.fold && v['no-proofs']) {
      throw new UsageError('--fold needs the committee’s proofs', { details: '--fold with --no-proofs', hint: 'the folds fold the members’ C1 and C6 proofs: drop --no-proofs' });
    }
    const { runDev } = await import('../dev/run.js');
    const { formatReport } = await import('../dev/report.js');
    const report = await runDev(
      { n: v.n, threshold, params: v.params ?? (v.program === 'auction' ? 'INSECURE_N1024' : 'INSECURE_N512'), inputs: v.inputs, program: v.program, keep: v.keep || v.ui, dir: v.dir, timeout: v.timeout, proofs: !v['no-proofs'], fold: v.fold, ...(v.ui ? { ui: { port: v['ui-port'] } } : {}) },
      io,
      (r) => io.stdout.write(v.json ? JSON.stringify(r) + '\n' : formatReport(r)),
    );
    return report.correct ? ExitCode.Ok : ExitCode.E3Failed;
  },
});
