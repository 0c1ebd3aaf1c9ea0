/**
 * `npm run chain`: a local Interfold chain for development. Starts anvil on 127.0.0.1:8545
 * (INTERFOLD_CHAIN_PORT to change), deploys everything with a test token, registers and funds
 * operator accounts, writes the deployment JSON (INTERFOLD_DEPLOYMENT, default
 * packages/contracts/deployments/localhost.json) and keeps running until Ctrl-C.
 *
 * Accounts (anvil's public dev mnemonic, never for value): 0 deployer/owner, 1 treasury,
 * 2..9 requesters and input submitters (1000 test tokens each, fee allowance given),
 * 10..19 operators (bond 100, 10 tickets, active).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEther } from 'viem';
import { startAnvil } from '../anvil.js';
import { confirm, devAccount, walletFor } from '../clients.js';
import { deployInterfold, deploymentToJson, fundOperators } from '../deploy.js';
import { paramSetId } from '../params.js';
import { testTokenAbi } from '../abis.js';

const port = Number(process.env.INTERFOLD_CHAIN_PORT ?? 8545);
const out = resolve(process.env.INTERFOLD_DEPLOYMENT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deployments', 'localhost.json'));
const paramSets = (process.env.INTERFOLD_PARAM_SETS ?? 'INSECURE_TEST_PARAMS_V1,N8192_L4_V1').split(',').map((s) => s.trim()).filter(Boolean);

const anvil = await startAnvil({ port, accounts: 20 });
const shutdown = async (): Promise<void> => {
  console.log('\nstopping anvil');
  await anvil.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

try {
  const w = (i: number) => walletFor(anvil.rpcUrl, anvil.chainId, devAccount(i));
  const deployer = w(0);
  const deployment = await deployInterfold({
    deployer,
    treasury: devAccount(1).address,
    config: { paramSets: paramSets.map(paramSetId) },
    devProgram: true,
  });
  const operators = Array.from({ length: 10 }, (_, i) => w(10 + i));
  await fundOperators(deployment, deployer, operators.map((signer) => ({ signer, funding: { bond: parseEther('100'), tickets: 10n } })));
  const users = Array.from({ length: 8 }, (_, i) => w(2 + i));
  for (const u of users) {
    await confirm(deployer, await deployer.writeContract({ address: deployment.contracts.feeToken, abi: testTokenAbi, functionName: 'mint', args: [u.account.address, parseEther('1000')] }));
    await confirm(u, await u.writeContract({ address: deployment.contracts.feeToken, abi: testTokenAbi, functionName: 'approve', args: [deployment.contracts.orchestrator, parseEther('1000')] }));
  }
  const json = JSON.parse(deploymentToJson(deployment)) as Record<string, unknown>;
  json.rpcUrl = anvil.rpcUrl;
  json.wsUrl = anvil.wsUrl;
  json.paramSetNames = paramSets;
  json.accounts = {
    mnemonic: 'anvil default (public): test test test test test test test test test test test junk',
    deployer: devAccount(0).address,
    treasury: devAccount(1).address,
    users: users.map((u) => u.account.address),
    operators: operators.map((o) => o.account.address),
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(json, null, 2) + '\n');
  console.log(`anvil on ${anvil.rpcUrl} (chain ${anvil.chainId}, pid ${anvil.pid})`);
  for (const [k, v] of Object.entries(deployment.contracts)) console.log(`  ${k.padEnd(18)} ${v}`);
  console.log(`  start block        ${deployment.startBlock}`);
  console.log(`deployment written to ${out}`);
  console.log('Ctrl-C to stop');
  setInterval(() => {}, 1 << 30); // keep the process (and so anvil) alive
} catch (e) {
  console.error(e);
  await anvil.stop();
  process.exit(1);
}
