import './polyfill.js';
export * from './errors.js';
export {
  PeerNetwork,
  DEFAULT_NET_LIMITS,
  DIRECT_PROTOCOL,
  SYNC_PROTOCOL,
  type PeerNetworkOptions,
  type NetLimits,
  type NetCounters,
  type GossipEvent,
  type DirectEvent,
  type SyncHandler,
  type NetDropReason,
} from './network.js';
export { signPeerRecord, verifyPeerRecord, PEER_RECORD_VERSION, type PeerRecord } from './peerRecord.js';
export { readFrame, writeFrame } from './framing.js';
export { PeerBudgets, type InboundBudget } from './limits.js';
