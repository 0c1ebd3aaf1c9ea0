/**
 * Each ciphernode's health for the dashboard: its `/health` and `/status` (packages/node
 * src/http), fetched by the server (a page on another origin could not read them). A node that
 * does not answer within the limit is reported as unreachable with the reason, never skipped.
 */
export type NodeHealth = {
  readonly url: string;
  readonly healthy: boolean;
  /** Why it is unhealthy: its /health reason, or the fetch error. */
  readonly reason?: string;
  /** Its /status JSON (E3s and phases, peers, chain head, lag) when it answered. */
  readonly status?: unknown;
};

async function getJson(url: string, timeoutMs: number): Promise<{ code: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  try {
    return { code: res.status, body: JSON.parse(text) as unknown };
  } catch {
    return { code: res.status, body: text.slice(0, 200) };
  }
}

export async function nodeHealth(urls: readonly string[], timeoutMs = 1500): Promise<NodeHealth[]> {
  return Promise.all(
    urls.map(async (url): Promise<NodeHealth> => {
      try {
        const [h, s] = await Promise.all([getJson(`${url}/health`, timeoutMs), getJson(`${url}/status`, timeoutMs)]);
        const reason = (h.body as { reason?: unknown } | null)?.reason;
        return { url, healthy: h.code === 200, ...(h.code === 200 ? {} : { reason: typeof reason === 'string' ? reason : `HTTP ${h.code}` }), ...(s.code === 200 ? { status: s.body } : {}) };
      } catch (e) {
        return { url, healthy: false, reason: `unreachable: ${e instanceof Error ? e.message : String(e)}` };
      }
    }),
  );
}
