/**
 * `e3 node register`: approve + register + bond + tickets on the OperatorRegistry (SYSTEM.md §7).
 * Idempotent: what is already done (registered, bonded, ticketed) is not done again, so a
 * registration interrupted half-way can simply be run again. The bond and ticket tokens are read
 * from the registry and driven through the standard ERC-20 ABI (viem's `erc20Abi`).
 */
import { decodeRevert, operatorRegistryAbi } from '@interfold/contracts';
import { erc20Abi, type Account, type Address, type Chain, type Hash, type PublicClient, type Transport, type WalletClient } from 'viem';
import { RegistrationError } from './errors.js';

export type RegisterOperatorOptions = {
  readonly wallet: WalletClient<Transport, Chain, Account>;
  readonly client: PublicClient;
  readonly operatorRegistry: Address;
  /** Total bond wanted (only the missing part is added). */
  readonly bond: bigint;
  /** Total tickets wanted (only the missing part is bought). */
  readonly tickets: bigint;
};

export type RegistrationResult = {
  readonly operator: Address;
  readonly bond: bigint;
  readonly tickets: bigint;
  readonly active: boolean;
  readonly transactions: readonly Hash[];
};

export async function registerOperator(o: RegisterOperatorOptions): Promise<RegistrationResult> {
  const { wallet, client } = o;
  const R = o.operatorRegistry;
  const me = wallet.account.address;
  if (o.bond < 0n || o.tickets < 0n) throw new RegistrationError('bond and tickets must not be negative');
  const read = async () => client.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'operatorInfo', args: [me] });
  const [bondToken, ticketToken, ticketPrice, minBond, minTickets] = await Promise.all([
    client.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'bondToken' }),
    client.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'ticketToken' }),
    client.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'ticketPrice' }),
    client.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'minBond' }),
    client.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'minTickets' }),
  ]);
  const info = await read();
  if (info.exiting) throw new RegistrationError('operator is exiting: withdraw first, then register again', { details: me });
  const addBond = o.bond > info.bond ? o.bond - info.bond : 0n;
  const addTickets = o.tickets > BigInt(info.tickets) ? o.tickets - BigInt(info.tickets) : 0n;
  if (info.bond + addBond < minBond) throw new RegistrationError('bond below the registry minimum', { details: `${o.bond} < ${minBond}` });
  if (BigInt(info.tickets) + addTickets < BigInt(minTickets)) {
    throw new RegistrationError('tickets below the registry minimum', { details: `${o.tickets} < ${minTickets}` });
  }
  const needs = new Map<Address, bigint>();
  needs.set(bondToken, addBond);
  needs.set(ticketToken, (needs.get(ticketToken) ?? 0n) + addTickets * ticketPrice);
  for (const [token, amount] of needs) {
    if (amount === 0n) continue;
    const bal = await client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [me] });
    if (bal < amount) throw new RegistrationError('not enough tokens to bond and buy tickets', { details: `token ${token}: have ${bal}, need ${amount}` });
  }
  const hashes: Hash[] = [];
  const run = async (what: string, send: () => Promise<Hash>): Promise<void> => {
    let hash: Hash;
    try {
      hash = await send();
    } catch (cause) {
      const r = decodeRevert(cause);
      throw new RegistrationError(`${what} failed`, { details: r ? r.errorName : undefined, cause });
    }
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 100 });
    if (receipt.status !== 'success') throw new RegistrationError(`${what} reverted`, { details: hash });
    hashes.push(hash);
  };
  for (const [token, amount] of needs) {
    if (amount === 0n) continue;
    const allowance = await client.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [me, R] });
    if (allowance < amount) await run('approve', () => wallet.writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [R, amount] }));
  }
  if (!info.registered) await run('register', () => wallet.writeContract({ address: R, abi: operatorRegistryAbi, functionName: 'register' }));
  if (addBond > 0n) await run('addBond', () => wallet.writeContract({ address: R, abi: operatorRegistryAbi, functionName: 'addBond', args: [addBond] }));
  if (addTickets > 0n) {
    await run('addTickets', () => wallet.writeContract({ address: R, abi: operatorRegistryAbi, functionName: 'addTickets', args: [addTickets] }));
  }
  const after = await read();
  const active = await client.readContract({ address: R, abi: operatorRegistryAbi, functionName: 'isActive', args: [me] });
  return { operator: me, bond: after.bond, tickets: BigInt(after.tickets), active, transactions: hashes };
}
