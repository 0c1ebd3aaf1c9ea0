/**
 * `e3 dev`: one whole E3 on a local network, every piece real. anvil → deploy → n operator
 * identities (keystores) registered and bonded → n ciphernode daemons as child processes → an
 * E3 requested → k inputs encrypted, proved and submitted through the SDK → the daemons run the
 * DKG, compute and threshold decryption → the plaintext read back, checked against what the chain
 * verified and against the expected value. Everything started is stopped at the end, on error
 * and on Ctrl-C (unless --keep, which leaves it up until Ctrl-C).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deploymentToJson, publicFor } from '@interfold/contracts';
import type { Io } from '../args.js';
import { E3FailedError } from '../errors.js';
import { abortable, Cleanup } from './abort.js';
import { DEV_ROLES, deployLocal, devSigner, startLocalChain } from './chain.js';
import { localClock } from './clock.js';
import { prepareCircuits } from './circuits.js';
import { prepareDecryptionVerifiers, prepareFoldVerifier } from './decryption.js';
import { prepareKeyFoldVerifier } from './keyFold.js';
import { adoptUnhandledRejections } from './rejections.js';
import { gasBetween } from './gas.js';
import { Progress } from './progress.js';
import { gasFields, type DevReport } from './report.js';
import { Supervisor } from './supervisor.js';
import { createOperators } from './operators.js';
import { daemonProofs, startDaemons } from './daemons.js';
import { runE3, E3_STAGES } from './e3.js';
import { deployDevProgram, loadDevProgram, type DeployedDevProgram } from './program.js';
import { parameterSet } from '@interfold/sdk';
import type { Program } from '@interfold/node';

export type DevOptions = {
  n: number;
  threshold: number;
  params: string;
  inputs: number;
  program: string;
  keep: boolean;
  /** state directory (keystores, stores, configs, logs, deployment.json) */
  dir: string;
  /** overall limit for the E3 once requested, seconds */
  timeout: number;
  /** Serve the web pages (apps/web, commands/ui.ts) from the daemons' start on. */
  ui?: { port: number };
  /**
   * Default true: the daemons prove their DKG and decryption steps (docs/node/core.md "Proofs") and
   * the plaintext goes on chain through DecryptionProofAdapter (C6 × (T + 1) + C7). false
   * (--no-proofs, development only): peers' steps unchecked, plaintext on T + 1 signatures.
   */
  proofs?: boolean;
  /**
   * With proofs: the plaintext goes on chain with ONE folded proof through DecryptionAggregateAdapter
   * (T + 1 recursive C6 proofs and C7's relations verified in one circuit) instead of T + 2 proofs,
   * and the public key with ONE folded proof through PkAggregateAdapter (every member's recursive
   * C1 proof and C5) instead of T + 1 committee signatures.
   */
  fold?: boolean;
};

export const DEV_STAGES = [
  { key: 'circuits', label: 'circuits' },
  { key: 'chain', label: 'chain' },
  { key: 'deploy', label: 'deploy' },
  { key: 'operators', label: 'operators' },
  { key: 'daemons', label: 'daemons' },
  ...E3_STAGES,
] as const;

/** `emit` receives the report as soon as it exists (before --keep waits for Ctrl-C). */
export async function runDev(o: DevOptions, io: Io, emit: (r: DevReport) => void): Promise<DevReport> {
  const t0 = performance.now();
  const dir = resolve(o.dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const progress = new Progress(DEV_STAGES, { out: io.stderr });
  const cleanup = new Cleanup();
  const supervisor = new Supervisor();
  cleanup.add('supervisor', async () => supervisor.dispose());
  const step = <T>(p: Promise<T>): Promise<T> => abortable(p, io.signal);
  adoptUnhandledRejections(io.stderr);
  try {
    // The input circuit (compiled, keyed, and on a first run the development CRS made) is needed
    // to deploy its verifier and to prove inputs: prepare it first, with its own progress line.
    progress.start('circuits', `user encryption at ${o.params} (first run: compile + development CRS, then cached)`);
    const circuits = await step(prepareCircuits(o.params, (detail) => progress.note('circuits', detail)));
    adoptUnhandledRejections(io.stderr);
    // --program ballot|datapool: the app's input circuit too (compiled and keyed, then cached).
    const app = await step(loadDevProgram(o.program, parameterSet(o.params), o.inputs));
    if (app) cleanup.add('program', () => app.close());
    // Proofs on: C6 and C7 (T + 1 shares) too, for the DecryptionProofAdapter's verifiers, or with
    // --fold the fold for T (cached like every circuit; the daemons load the same artifacts).
    const proofs = o.proofs ?? true;
    const fold = proofs && o.fold === true;
    const decryption = proofs ? await step((fold ? prepareFoldVerifier : prepareDecryptionVerifiers)(o.params, o.threshold)) : undefined;
    // --fold: a key fold per |A| in T + 1 ..= n, compiled for the session shape of this program's E3s.
    const keyFold = fold ? await step(prepareKeyFoldVerifier(o.params, o.n, o.threshold, app ? await step(programModule(app.module)) : undefined)) : undefined;
    progress.done('circuits', [circuits.detail, app?.detail, decryption?.detail, keyFold?.detail].filter(Boolean).join('; '));

    progress.start('chain');
    const anvil = await step(startLocalChain({ submitters: o.inputs }));
    cleanup.add('anvil', () => anvil.stop());
    progress.done('chain', anvil.rpcUrl);

    progress.start('deploy');
    const verifier = await step(circuits.deployVerifier(devSigner(anvil, DEV_ROLES.deployer)));
    const decryptionVerifiers = decryption ? await step(decryption.deploy(devSigner(anvil, DEV_ROLES.deployer))) : undefined;
    const keyFoldVerifier = keyFold ? await step(keyFold.deploy(devSigner(anvil, DEV_ROLES.deployer))) : undefined;
    const chain = await step(
      deployLocal(anvil, {
        paramSets: [o.params],
        submitters: o.inputs,
        userEncryptionVerifier: verifier,
        ...(decryptionVerifiers ? { decryption: decryptionVerifiers } : {}),
        ...(keyFoldVerifier ? { keyFold: keyFoldVerifier } : {}),
      }),
    );
    adoptUnhandledRejections(io.stderr);
    const program: DeployedDevProgram | undefined = app ? await step(deployDevProgram(app, devSigner(anvil, DEV_ROLES.deployer), chain.deployment)) : undefined;
    const deploymentFile = join(dir, 'deployment.json');
    const json = JSON.parse(deploymentToJson(chain.deployment)) as Record<string, unknown>;
    json.rpcUrl = anvil.rpcUrl;
    json.wsUrl = anvil.wsUrl;
    json.paramSetNames = [o.params];
    writeFileSync(deploymentFile, JSON.stringify(json, null, 2) + '\n');
    progress.done('deploy', `orchestrator ${chain.deployment.contracts.orchestrator}`);

    progress.start('operators', `${o.n} keystores`);
    const operators = await step(createOperators(chain, { n: o.n, dir }));
    progress.done('operators', operators.map((x) => x.address.slice(0, 10)).join(' '));
    // For the other commands against a kept network (e.g. `e3 request --compute-provider <node 1>`).
    json.operators = operators.map((x) => ({ address: x.address, peerId: x.peerId, dir: x.dir }));
    writeFileSync(deploymentFile, JSON.stringify(json, null, 2) + '\n');
    const setupEnd = await chain.deployer.getBlockNumber();

    // --ui: the pages' ballot and data-pool programs, registered before the daemons so they load the modules.
    const uiModule = o.ui ? await import('../commands/ui.js') : undefined;
    const uiPrograms = uiModule ? await step(uiModule.registerUiPrograms(chain)) : undefined;
    progress.start('daemons', `${o.n} ciphernodes`);
    const programs = [...(program ? [{ id: program.programId, module: program.module }] : []), ...(uiModule && uiPrograms ? uiModule.uiProgramModules(uiPrograms) : [])];
    const daemons = await step(startDaemons(supervisor, chain, operators, { dir, deploymentFile, signal: io.signal, proofs, programs }));
    cleanup.add('daemons', () => supervisor.stopAll());
    progress.done('daemons', daemons.map((d) => `pid ${d.pid}`).join(', '));

    const clock = localClock(anvil);
    cleanup.add('clock', async () => clock.stop());
    if (o.ui) {
      const { startDevUi } = await import('../commands/ui.js');
      const ui = await step(startDevUi({ chain, clock, nodes: daemons.map((d) => d.httpUrl), n: o.n, threshold: o.threshold, params: o.params, dir, port: o.ui.port, io, programs: uiPrograms }));
      cleanup.add('ui', () => ui.close());
      progress.log(`ui: ${ui.url}  (ballot ${ui.url}/#/ballot, data pool ${ui.url}/#/datapool, dashboard ${ui.url}/#/dashboard)`);
    }
    const e3 = await step(
      runE3(chain, clock, progress, {
        n: o.n,
        threshold: o.threshold,
        params: o.params,
        inputs: o.inputs,
        program: o.program,
        devProgram: program,
        timeoutS: o.timeout,
        signal: io.signal,
        // The first daemon computes, on chain time (docs/node/daemon.md).
        computeProvider: operators[0].address,
        decryptionVerifier: fold ? chain.deployment.contracts.decryptionAggregateAdapter : chain.deployment.contracts.decryptionProofAdapter,
        ...(fold ? { pkVerifier: chain.deployment.contracts.pkAggregateAdapter } : {}),
      }),
    );
    const end = await chain.deployer.getBlockNumber();
    e3.proofs.generated += await daemonProofs(daemons);
    const reader = publicFor(anvil.rpcUrl, anvil.chainId);
    const [setupGas, e3Gas] = await Promise.all([gasBetween(reader, 0n, setupEnd), gasBetween(reader, setupEnd + 1n, end)]);
    progress.stop();
    const report: DevReport = {
      e3Id: e3.e3Id.toString(),
      params: o.params,
      n: o.n,
      T: o.threshold,
      program: o.program,
      inputs: e3.inputs,
      result: e3.result,
      expected: e3.expected,
      correct: e3.correct,
      stages_s: progress.seconds(),
      proofs: e3.proofs,
      decryption_verifier: e3.decryptionVerifier,
      pk_verifier: e3.pkVerifier,
      gas: gasFields(setupGas, e3Gas),
      wall_s: Math.round((performance.now() - t0) / 100) / 10,
    };
    emit(report);
    if (o.keep) {
      progress.log(
        [
          `network left running (Ctrl-C to stop): RPC ${anvil.rpcUrl}, deployment ${deploymentFile}`,
          `  e.g. e3 request --deployment ${deploymentFile} --dev-account ${DEV_ROLES.requester} --compute-provider ${operators[0].address}`,
          `       e3 submit --deployment ${deploymentFile} --dev-account ${DEV_ROLES.firstSubmitter} --e3-id <id> --value 5`,
        ].join('\n'),
      );
      await new Promise<void>((r) => (io.signal.aborted ? r() : io.signal.addEventListener('abort', () => r(), { once: true })));
    }
    return report;
  } catch (e) {
    progress.failRunning(e instanceof Error ? (e as { shortMessage?: string }).shortMessage ?? e.message : String(e));
    if (!(e instanceof E3FailedError)) progress.log(`state and logs kept in ${dir}`);
    throw e;
  } finally {
    progress.stop();
    const errors = await cleanup.run();
    for (const err of errors) io.stderr.write(`cleanup: ${err}\n`);
  }
}

/** A program module's Program (as the daemons load it: `createProgram(id)`), for its session shape. */
async function programModule(module: string): Promise<Program> {
  const mod = (await import(module)) as { createProgram(id: bigint): Program };
  return mod.createProgram(0n);
}
