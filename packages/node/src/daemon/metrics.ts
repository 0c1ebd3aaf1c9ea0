/** The node's Prometheus metrics (served at /metrics by src/http). */
import { MetricsRegistry, type Counter, type Gauge, type Histogram } from '../http/index.js';

export type NodeMetrics = {
  readonly registry: MetricsRegistry;
  readonly phases: Counter;
  readonly activeE3s: Gauge;
  readonly messagesIn: Counter;
  readonly messagesOut: Counter;
  readonly bytesOut: Counter;
  readonly dropped: Counter;
  readonly chainHead: Gauge;
  readonly chainLag: Gauge;
  readonly txs: Counter;
  readonly gas: Counter;
  readonly proving: Histogram;
  readonly coreSeconds: Histogram;
};

export function nodeMetrics(): NodeMetrics {
  const r = new MetricsRegistry();
  return {
    registry: r,
    phases: r.counter({ name: 'interfold_e3_phase_changes_total', help: 'E3 phase changes seen by this node', labelNames: ['phase'] }),
    activeE3s: r.gauge({ name: 'interfold_e3_active', help: 'E3s in progress on this node' }),
    messagesIn: r.counter({ name: 'interfold_messages_in_total', help: 'Peer messages accepted (verified)', labelNames: ['phase'] }),
    messagesOut: r.counter({ name: 'interfold_messages_out_total', help: 'Peer messages sent', labelNames: ['phase'] }),
    bytesOut: r.counter({ name: 'interfold_bytes_out_total', help: 'Envelope bytes sent' }),
    dropped: r.counter({ name: 'interfold_messages_dropped_total', help: 'Peer messages dropped at the wire checks', labelNames: ['reason'] }),
    chainHead: r.gauge({ name: 'interfold_chain_head', help: 'Latest block number seen' }),
    chainLag: r.gauge({ name: 'interfold_chain_lag_blocks', help: 'Blocks between the head and the last processed block' }),
    txs: r.counter({ name: 'interfold_txs_total', help: 'Transactions by function and outcome', labelNames: ['fn', 'status'] }),
    gas: r.counter({ name: 'interfold_tx_gas_used_total', help: 'Gas used by mined transactions', labelNames: ['fn'] }),
    proving: r.histogram({ name: 'interfold_proving_seconds', help: 'Proof generation time per phase', labelNames: ['phase'] }),
    coreSeconds: r.histogram({ name: 'interfold_core_handle_seconds', help: 'Protocol-core time per input (DKG, compute, decryption work)', labelNames: ['kind'] }),
  };
}
