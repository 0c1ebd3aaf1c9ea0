/**
 * The node's HTTP endpoint (issue 8, "Observability"), on node:http:
 *   GET /health   200 {"ok":true} when the callback says healthy, else 503 with its reason
 *   GET /status   JSON from the status callback (E3s and phases, peers, chain head, lag)
 *   GET /metrics  Prometheus text exposition of the registry
 * Read-only: every other method is 405, every other path 404. Callback failures are 500s with a
 * short message, never a crash.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from './metrics.js';
import type { Logger } from '../log/index.js';

export type Health = { readonly ok: boolean; readonly reason?: string };

export type HttpServerOptions = {
  readonly port: number;
  /** Default 127.0.0.1: expose deliberately. */
  readonly host?: string;
  readonly health: () => Health | Promise<Health>;
  readonly status: () => unknown;
  readonly metrics: MetricsRegistry;
  readonly logger?: Logger;
};

/** JSON with bigint as decimal strings and bytes as hex. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `0x${Buffer.from(v).toString('hex')}` : v,
  );
}

export class HttpServer {
  private server: Server | undefined;
  constructor(private readonly options: HttpServerOptions) {}

  /** Listen; resolves with the bound port (useful with port 0). */
  async start(): Promise<{ port: number; host: string }> {
    if (this.server) throw new Error('HTTP server already started');
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return { port: (server.address() as AddressInfo).port, host };
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const json = (code: number, v: unknown) => send(code, 'application/json; charset=utf-8', toJson(v));
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'method not allowed' });
    try {
      switch (path) {
        case '/health': {
          const h = await this.options.health();
          return json(h.ok ? 200 : 503, h.ok ? { ok: true } : { ok: false, reason: h.reason ?? 'unhealthy' });
        }
        case '/status':
          return json(200, await this.options.status());
        case '/metrics':
          return send(200, PROMETHEUS_CONTENT_TYPE, this.options.metrics.expose());
        default:
          return json(404, { error: 'not found' });
      }
    } catch (e) {
      this.options.logger?.error('http handler failed', { path, err: e });
      if (!res.headersSent) json(500, { error: 'internal error' });
      else res.destroy();
    }
  }
}
