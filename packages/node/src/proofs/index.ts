export * from './bundle.js';
export * from './circuits.js';
