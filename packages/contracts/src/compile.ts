/**
 * Compiles the Solidity sources in `contracts/` with the pinned solc-js (0.8.37, see
 * TOOLCHAIN.md) and returns ABI + bytecode per deployable contract. `npm run build:contracts`
 * writes the result to src/generated/artifacts.ts (committed, so a fresh clone runs without
 * compiling); a test checks the committed artifacts still match the sources' hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompileError } from './errors.js';

/** The contracts deployed by `deployInterfold` (the others are libraries, interfaces, bases). */
export const DEPLOYABLE = [
  'TestToken',
  'OperatorRegistry',
  'ProgramRegistry',
  'E3Orchestrator',
  'SlashingManager',
  'CommitteeQuorumVerifier',
  'SingleSubmissionProgram',
  'AttesterProofVerifier',
  'HonkPkVerifierAdapter',
  'HonkInputVerifierAdapter',
  'HonkDecryptionVerifierAdapter',
  'UserEncryptionInputAdapter',
  'UserEncryptionBlobInputAdapter',
  'AttesterInputVerifier',
  'DecryptionProofAdapter',
  'DecryptionAggregateAdapter',
  'PkAggregateAdapter',
  'FixedCommitteeView',
  'DataPoolProgram',
  'BallotProgram',
  'ProgramInputAdapter',
  'AuctionProgram',
  'AuctionBidAdapter',
  'InputRelayer',
] as const;
export type DeployableName = (typeof DEPLOYABLE)[number];

export const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
} as const;

export const contractsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'contracts');

/** Every .sol file under contracts/, keyed by its path relative to it (sorted, '/'-separated). */
export function readSources(dir = contractsDir): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.sol')) out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** sha256 over the sources and compiler settings: identifies one build. */
export function sourcesHash(sources: Record<string, string>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(SOLC_SETTINGS));
  for (const name of Object.keys(sources).sort()) {
    h.update(name);
    h.update('\0');
    h.update(sources[name]);
    h.update('\0');
  }
  return h.digest('hex');
}

export type CompiledContract = { abi: unknown[]; bytecode: `0x${string}`; deployedBytecodeSize: number };

export function compile(sources = readSources()): Record<DeployableName, CompiledContract> {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as { compile(input: string): string; version(): string };
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, { content: v }])),
    settings: {
      ...SOLC_SETTINGS,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new CompileError('Solidity compilation failed', { details: errors.map((e) => e.formattedMessage).join('\n') });
  }
  const result = {} as Record<DeployableName, CompiledContract>;
  for (const name of DEPLOYABLE) {
    const file = Object.keys(output.contracts ?? {}).find((f) => output.contracts![f][name] !== undefined);
    if (file === undefined) throw new CompileError(`contract ${name} missing from solc output`);
    const c = output.contracts![file][name];
    result[name] = {
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecodeSize: c.evm.deployedBytecode.object.length / 2,
    };
  }
  return result;
}
