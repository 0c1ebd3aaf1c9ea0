export * from './errors.js';
export * from './envelope.js';
export * from './payloads.js';
export * from './limits.js';
export * from './proof.js';
export * from './verify.js';
export * from './rlk.js';
