/**
 * What every view shares: the server's configuration, the signer chosen in the header, and an
 * SDK client on the same-origin RPC relay with the page prover (prover.ts).
 */
import { createE3Client, type E3Client, type InputProver } from '@interfold/sdk';
import { deploymentFromJson, devAccount, type Deployment } from '@interfold/contracts';
import { privateKeyToAccount } from 'viem/accounts';
import type { Account, Address, Hex } from 'viem';
import { h, replace } from './dom.js';
import { pageProver } from './prover.js';

export type ServerConfig = {
  deployment: Deployment;
  paramSets: string[];
  committee: { n: number; threshold: number };
  computeProvider: Address | null;
  nodes: number;
  dev: { accounts: { requester: number; submitters: number[] } } | null;
  /** The apps' registered programs (server programs.ts); null: this server cannot create polls or pools. */
  programs: {
    ballot: { programId: string; program: Address };
    datapool: { programId: string; program: Address };
    /** Per parameter set: the pools' count bound (10^5, lower when t is small). */
    poolMaxCount: Record<string, string>;
    poolMaxContributors: number;
  } | null;
};

let config: ServerConfig | undefined;
let account: Account | undefined;
const listeners = new Set<() => void>();

export async function loadConfig(): Promise<ServerConfig> {
  const raw = (await (await fetch('/api/config')).json()) as Omit<ServerConfig, 'deployment'> & { deployment: string };
  config = { ...raw, deployment: deploymentFromJson(raw.deployment) };
  if (config.dev) account = devAccount(config.dev.accounts.requester);
  return config;
}

export function cfg(): ServerConfig {
  if (!config) throw new Error('configuration not loaded');
  return config;
}

export const currentAccount = (): Account | undefined => account;
export const onAccountChange = (f: () => void): (() => void) => (listeners.add(f), () => listeners.delete(f));

function setAccount(a: Account | undefined): void {
  account = a;
  for (const f of listeners) f();
}

/** A client for the chosen account; `params` names the set whose circuit the prover loads (or `prover`, a program's). */
export function client(params?: string, prover?: InputProver): E3Client {
  const c = cfg();
  return createE3Client({
    rpcUrl: `${location.origin}/rpc`,
    deployment: c.deployment,
    account,
    pollingInterval: 500,
    ...(prover ? { prover } : params ? { prover: pageProver(params) } : {}),
  });
}

/** The header's signer picker: anvil dev accounts on a dev network, else a private key kept in memory only. */
export function renderAccountPicker(slot: HTMLElement): void {
  const c = cfg();
  const keyInput = h('input', { type: 'password', id: 'account-key', placeholder: '0x… (kept in this tab only)', autocomplete: 'off', size: 30 });
  const shown = h('span', { class: 'mono', 'data-testid': 'account-address' });
  const showAddress = () => (shown.textContent = account ? ` ${account.address}` : ' (no account: read only)');
  keyInput.addEventListener('change', () => {
    const v = keyInput.value.trim();
    if (!/^0x[0-9a-fA-F]{64}$/.test(v)) {
      keyInput.setCustomValidity('a private key is 0x and 64 hex digits');
      keyInput.reportValidity();
      return;
    }
    keyInput.setCustomValidity('');
    setAccount(privateKeyToAccount(v as Hex));
  });
  if (c.dev) {
    const { requester, submitters } = c.dev.accounts;
    const select = h(
      'select',
      { id: 'account-select' },
      h('option', { value: String(requester) }, `dev account ${requester} (requester, holds fee tokens)`),
      ...submitters.map((i) => h('option', { value: String(i) }, `dev account ${i}`)),
      h('option', { value: 'key' }, 'private key…'),
    );
    select.addEventListener('change', () => {
      keyInput.hidden = select.value !== 'key';
      if (select.value !== 'key') setAccount(devAccount(Number(select.value)));
    });
    keyInput.hidden = true;
    replace(slot, h('form', { onsubmit: (e: Event) => e.preventDefault() }, h('label', { for: 'account-select' }, 'Account', select), keyInput, shown));
  } else {
    replace(slot, h('form', { onsubmit: (e: Event) => e.preventDefault() }, h('label', { for: 'account-key' }, 'Account key', keyInput), shown));
  }
  showAddress();
  onAccountChange(showAddress);
}
