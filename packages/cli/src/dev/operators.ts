/**
 * The n operator identities of `e3 dev`: a keystore per node (packages/node's keystore: operator
 * secp256k1 key + libp2p peer key, encrypted), gas money, test tokens, and registration + bond +
 * tickets through the daemon's own registerOperator, exactly as `e3 node register` does it.
 *
 * Dev identities are throwaway: their password is written next to them (`<dir>/node-i/password`)
 * and the keystore uses the cheap INSECURE_TEST_SCRYPT work factor so n of them unlock in
 * milliseconds. `e3 node init` uses the default (expensive) work factor and the operator's password.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { bytesToHex, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { confirm, publicFor, testTokenAbi, walletFor } from '@interfold/contracts';
import { createKeystoreFile, INSECURE_TEST_SCRYPT, registerOperator } from '../nodeApi.js';
import { fundGas, type LocalChain } from './chain.js';

export type Operator = {
  index: number;
  address: Address;
  peerId: string;
  /** the node's own directory: keystore.json, password, store/, config.json, log */
  dir: string;
  keystore: string;
  passwordFile: string;
};

/** Tickets each dev operator buys: equal stake, so sortition picks any n of n. */
export const DEV_TICKETS = 10n;

export async function createOperators(chain: LocalChain, o: { n: number; dir: string }): Promise<Operator[]> {
  const { anvil, deployment, deployer } = chain;
  const cfg = deployment.config;
  const client = publicFor(anvil.rpcUrl, anvil.chainId);
  const ops: Operator[] = [];
  for (let i = 0; i < o.n; i++) {
    const dir = join(o.dir, `node-${i + 1}`);
    mkdirSync(dir, { recursive: true });
    const password = bytesToHex(randomBytes(16));
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
    const keystore = join(dir, 'keystore.json');
    const keys = await createKeystoreFile(keystore, password, { scrypt: INSECURE_TEST_SCRYPT });
    ops.push({ index: i + 1, address: keys.operatorAddress, peerId: keys.peerId, dir, keystore, passwordFile });
    await fundGas(anvil, [keys.operatorAddress]);
    const need = cfg.minBond + DEV_TICKETS * cfg.ticketPrice;
    await confirm(deployer, await deployer.writeContract({ address: deployment.contracts.bondToken, abi: testTokenAbi, functionName: 'mint', args: [keys.operatorAddress, need] }));
    if (deployment.contracts.ticketToken !== deployment.contracts.bondToken) {
      await confirm(deployer, await deployer.writeContract({ address: deployment.contracts.ticketToken, abi: testTokenAbi, functionName: 'mint', args: [keys.operatorAddress, need] }));
    }
    const wallet = walletFor(anvil.rpcUrl, anvil.chainId, privateKeyToAccount(keys.operatorKey));
    await registerOperator({ wallet, client, operatorRegistry: deployment.contracts.operatorRegistry, bond: cfg.minBond, tickets: DEV_TICKETS });
  }
  return ops;
}
