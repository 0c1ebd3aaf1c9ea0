import { describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strict as assert } from 'node:assert';
import { compile, readSources, sourcesHash } from '../src/compile.js';
import * as A from '../src/generated/artifacts.js';
import { deployedSizes, interfoldErrorsAbi, deploymentFromJson, deploymentToJson, DEFAULT_CONFIG, DeploymentError } from '../src/index.js';

describe('build artifacts', () => {
  it('committed artifacts match the Solidity sources (else run npm run build:contracts)', () => {
    assert.equal(sourcesHash(readSources()), A.SOURCES_HASH);
  });

  it('recompiling with solc-js reproduces the committed bytecode', () => {
    const c = compile();
    assert.equal(c.E3Orchestrator.bytecode, A.e3OrchestratorBytecode);
    assert.equal(c.SlashingManager.bytecode, A.slashingManagerBytecode);
    assert.equal(c.OperatorRegistry.bytecode, A.operatorRegistryBytecode);
  });

  it('every contract stays under the EIP-170 runtime size limit (24,576 bytes)', () => {
    for (const [name, size] of Object.entries(deployedSizes)) assert.ok(size > 0 && size < 24_576, `${name}: ${size}`);
  });

  it('the merged error ABI names every custom error once', () => {
    const names = interfoldErrorsAbi.map((e) => (e.type === 'error' ? e.name : ''));
    for (const n of ['WrongStage', 'TicketNotCompetitive', 'EvidenceAlreadyUsed', 'TokenTransferFailed', 'MalleableSignature']) assert.ok(names.includes(n), n);
  });

  it('every custom error of every contract is asserted by name in some test', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const text = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const missing = interfoldErrorsAbi.filter((e) => e.type === 'error' && !text.includes(`'${e.name}'`)).map((e) => (e.type === 'error' ? e.name : ''));
    assert.deepEqual(missing, []);
  });

  it('deployment JSON round-trips and rejects malformed files', () => {
    const d = {
      chainId: 31337,
      startBlock: 5n,
      deployer: '0x0000000000000000000000000000000000000001' as const,
      treasury: '0x0000000000000000000000000000000000000002' as const,
      contracts: Object.fromEntries(
        ['feeToken', 'bondToken', 'ticketToken', 'operatorRegistry', 'programRegistry', 'orchestrator', 'slashingManager', 'quorumVerifier'].map((k, i) => [k, `0x${(i + 16).toString(16).padStart(40, '0')}`]),
      ) as never,
      devProgramId: 1n,
      config: DEFAULT_CONFIG,
    };
    assert.deepEqual(deploymentFromJson(deploymentToJson(d)), d);
    assert.throws(() => deploymentFromJson('{'), DeploymentError);
    assert.throws(() => deploymentFromJson(JSON.stringify({ chainId: 1, contracts: { orchestrator: '0x12' } })), DeploymentError);
    const noConfig = JSON.parse(deploymentToJson(d)) as Record<string, unknown>;
    delete noConfig.config;
    assert.throws(() => deploymentFromJson(JSON.stringify(noConfig)), DeploymentError);
    const badNumber = JSON.parse(deploymentToJson(d)) as { config: Record<string, unknown> };
    badNumber.config.ticketPrice = 'ten';
    assert.throws(() => deploymentFromJson(JSON.stringify(badNumber)), DeploymentError);
  });
});
