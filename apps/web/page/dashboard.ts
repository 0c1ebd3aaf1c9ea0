/**
 * The dashboard: every E3 of the deployment, live (refreshed every 2 s from the chain, chain.ts):
 * stage and timeline with block times, committee and the authorised set (committee minus expelled
 * members), inputs accepted and transactions the chain refused with their reason, proofs
 * verified on chain, gas spent, failures with their reason; and each node's health from its
 * /status (through the server).
 */
import { Stage } from '@interfold/contracts';
import type { NodeHealth } from '../src/server/nodes.js';
import { client } from './app.js';
import { describeError, h, replace } from './dom.js';
import { ChainIndex, type E3Summary } from './chain.js';
import { appMetas, fmtTime } from './flow.js';

let timer: ReturnType<typeof setTimeout> | undefined;
let index: ChainIndex | undefined;

export function stopDashboard(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
}

const short = (a: string): string => `${a.slice(0, 8)}…${a.slice(-4)}`;

/** Proofs the chain verified for this E3: each accepted input, and the key and plaintext publications when their verifiers are proof verifiers. */
function proofsVerified(s: E3Summary): number {
  const quorum = client().deployment.contracts.quorumVerifier.toLowerCase();
  const pk = s.view.stage >= Stage.KeyPublished && s.view.stage !== Stage.Failed ? 1 : 0;
  const dec = s.view.stage === Stage.Complete ? 1 : 0;
  return s.inputs.length + (s.view.pkVerifier.toLowerCase() !== quorum ? pk : 0) + (s.view.decryptionVerifier.toLowerCase() !== quorum ? dec : 0);
}

function e3Row(s: E3Summary, app: string): HTMLElement {
  const expelled = new Set(s.expelled.map((a) => a.toLowerCase()));
  const authorised = s.committee.filter((m) => !expelled.has(m.toLowerCase()));
  const failed = s.view.stage === Stage.Failed;
  return h(
    'tr',
    { 'data-e3': s.e3Id.toString() },
    h('td', {}, s.e3Id.toString(), h('div', { class: 'muted' }, app)),
    h('td', { class: failed ? 'bad' : s.view.stage === Stage.Complete ? 'ok' : '', 'data-testid': 'e3-stage' }, s.view.stageName, failed ? h('div', {}, `reason: ${s.view.failureName}`) : null),
    h('td', {}, h('ol', { class: 'timeline' }, ...s.timeline.map((t) => h('li', {}, `${t.label} — ${fmtTime(t.time)} (block ${t.block})`)))),
    h(
      'td',
      {},
      s.committee.length === 0 ? h('span', { class: 'muted' }, 'not chosen yet') : h('ul', { class: 'mono' }, ...s.committee.map((m) => h('li', { class: expelled.has(m.toLowerCase()) ? 'bad' : '' }, short(m), expelled.has(m.toLowerCase()) ? ' (expelled)' : ''))),
      s.committee.length ? h('div', { class: 'muted' }, `authorised ${authorised.length}/${s.committee.length}, T = ${s.view.threshold}`) : null,
    ),
    h(
      'td',
      {},
      h('div', { 'data-testid': 'inputs-accepted' }, `${s.inputs.length} accepted`),
      s.refused.length ? h('ul', { class: 'bad' }, ...s.refused.map((r) => h('li', {}, `${r.fn} from ${short(r.sender)} refused: ${r.reason}`))) : h('div', { class: 'muted' }, 'no transaction refused on chain'),
    ),
    h('td', {}, String(proofsVerified(s))),
    h('td', {}, `${s.gas.toLocaleString('en-US')} gas`, h('div', { class: 'muted' }, `${s.txs} tx`)),
  );
}

function nodeRow(n: NodeHealth): HTMLElement {
  const st = (n.status ?? {}) as Record<string, unknown>;
  const brief = Object.entries(st)
    .filter(([, v]) => typeof v !== 'object' || v === null)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
  return h('tr', {}, h('td', { class: 'mono' }, n.url), h('td', { class: n.healthy ? 'ok' : 'bad', 'data-testid': 'node-health' }, n.healthy ? 'healthy' : `unhealthy: ${n.reason ?? ''}`), h('td', {}, h('details', {}, h('summary', {}, brief || 'status'), h('pre', { class: 'mono' }, JSON.stringify(n.status ?? null, null, 1)))));
}

export function renderDashboard(main: HTMLElement): void {
  stopDashboard();
  index ??= new ChainIndex(client());
  const updated = h('p', { class: 'muted', 'aria-live': 'off' });
  const err = h('div', { role: 'alert' });
  const e3Body = h('tbody', {});
  const nodeBody = h('tbody', {});
  replace(
    main,
    h('h1', {}, 'E3 dashboard'),
    updated,
    err,
    h('section', { 'aria-label': 'E3s' }, h('h2', {}, 'E3s on this deployment'), h('table', { 'data-testid': 'e3-table' }, h('thead', {}, h('tr', {}, ...['E3', 'stage', 'timeline', 'committee', 'inputs', 'proofs verified', 'gas'].map((x) => h('th', { scope: 'col' }, x)))), e3Body)),
    h('section', { 'aria-label': 'nodes' }, h('h2', {}, 'Nodes'), h('table', { 'data-testid': 'node-table' }, h('thead', {}, h('tr', {}, ...['node', 'health', '/status'].map((x) => h('th', { scope: 'col' }, x)))), nodeBody)),
  );
  const refresh = async () => {
    try {
      const [e3s, nodes, metas] = await Promise.all([index!.refresh(), fetch('/api/nodes').then((r) => r.json() as Promise<NodeHealth[]>), appMetas()]);
      const appOf = (id: bigint) => {
        const m = metas.find((x) => x.e3Id === id.toString());
        return m ? `${m.kind === 'ballot' ? 'ballot' : 'data pool'}: ${m.title}` : '';
      };
      replace(e3Body, ...(e3s.length ? e3s.map((s) => e3Row(s, appOf(s.e3Id))) : [h('tr', {}, h('td', { colspan: 7 }, 'No E3 yet.'))]));
      replace(nodeBody, ...(nodes.length ? nodes.map(nodeRow) : [h('tr', {}, h('td', { colspan: 3 }, 'No node URLs given to this server.'))]));
      updated.textContent = `updated ${new Date().toISOString()}`;
      err.textContent = '';
    } catch (e) {
      err.textContent = describeError(e);
    }
    if (timer !== undefined) timer = setTimeout(() => void refresh(), 2000);
  };
  timer = setTimeout(() => void refresh(), 0);
}
