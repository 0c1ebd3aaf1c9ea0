/** The web pages' server (apps/web): `startWebServer`, used by `e3 ui` and `e3 dev --ui`. */
export { startWebServer, type WebServer, type WebServerOptions, type DevHooks } from './server.js';
export { WebError, WebRequestError, BundleError } from './errors.js';
export { parseMeta, type AppMeta, type BallotMeta, type PoolMeta } from './polls.js';
export { nodeHealth, type NodeHealth } from './nodes.js';
