/**
 * What the pages record about the E3s they create: the app (ballot or data pool) and its
 * request-time choices (options and voters; diseases and minimum contributors). The E3 itself is
 * on chain; this is the app's description of it, checked on the way in (sizes, shapes), kept in
 * memory and in `<dir>/polls.json` when the server has a state directory.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAddress, getAddress } from 'viem';
import { WebRequestError } from './errors.js';

/** The program input circuit (programs.ts shape key) and the on-chain program and adapter the E3 was requested with. */
export type ProgramRef = { readonly circuit: string; readonly program: `0x${string}`; readonly inputAdapter: `0x${string}` };
export type BallotMeta = ProgramRef & { readonly kind: 'ballot'; readonly e3Id: string; readonly title: string; readonly options: readonly string[]; readonly voters: readonly `0x${string}`[]; readonly depth: number };
export type PoolMeta = ProgramRef & { readonly kind: 'datapool'; readonly e3Id: string; readonly title: string; readonly diseases: readonly string[]; readonly minContributors: number; readonly maxCount: string };
export type AppMeta = BallotMeta | PoolMeta;

const MAX_ITEMS = 64;
const MAX_VOTERS = 1024;

function names(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.length < 1 || v.length > MAX_ITEMS) throw new WebRequestError(`${what}: 1 to ${MAX_ITEMS} names`);
  const out = v.map((x) => (typeof x === 'string' ? x.trim() : ''));
  if (out.some((x) => x.length === 0 || x.length > 80)) throw new WebRequestError(`${what}: each name 1 to 80 characters`);
  if (new Set(out).size !== out.length) throw new WebRequestError(`${what}: names must be distinct`);
  return out;
}

function programRef(o: Record<string, unknown>, kind: string): ProgramRef {
  if (typeof o.circuit !== 'string' || !new RegExp(`^${kind}-[0-9]{1,3}-[0-9]{1,7}$`).test(o.circuit)) throw new WebRequestError('circuit: a shape key of this app', { details: String(o.circuit) });
  for (const k of ['program', 'inputAdapter'] as const) if (typeof o[k] !== 'string' || !isAddress(o[k] as string)) throw new WebRequestError(`${k}: not an address`);
  return { circuit: o.circuit, program: getAddress(o.program as string), inputAdapter: getAddress(o.inputAdapter as string) };
}

/** Validates what a page sends (untrusted). */
export function parseMeta(raw: unknown): AppMeta {
  if (typeof raw !== 'object' || raw === null) throw new WebRequestError('expected a JSON object');
  const o = raw as Record<string, unknown>;
  if (typeof o.e3Id !== 'string' || !/^[1-9][0-9]{0,30}$/.test(o.e3Id)) throw new WebRequestError('e3Id must be a positive decimal string');
  const title = typeof o.title === 'string' ? o.title.trim().slice(0, 120) : '';
  if (o.kind === 'ballot') {
    const options = names(o.options, 'options');
    if (options.length < 2) throw new WebRequestError('options: at least 2');
    if (!Array.isArray(o.voters) || o.voters.length < 1 || o.voters.length > MAX_VOTERS) throw new WebRequestError(`voters: 1 to ${MAX_VOTERS} addresses`);
    const voters = o.voters.map((v) => {
      if (typeof v !== 'string' || !isAddress(v.trim())) throw new WebRequestError('voters: not an address', { details: String(v) });
      return getAddress(v.trim());
    });
    const depth = o.depth;
    if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1 || 2 ** depth < voters.length || depth > 10) throw new WebRequestError('depth: a whole number in 1..10 that holds the voters');
    return { kind: 'ballot', e3Id: o.e3Id, title, options, voters: [...new Set(voters)], depth, ...programRef(o, 'ballot') };
  }
  if (o.kind === 'datapool') {
    const diseases = names(o.diseases, 'diseases');
    const m = o.minContributors;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 1000) throw new WebRequestError('minContributors: a whole number in 1..1000');
    if (typeof o.maxCount !== 'string' || !/^[1-9][0-9]{0,6}$/.test(o.maxCount)) throw new WebRequestError('maxCount: a positive decimal string');
    return { kind: 'datapool', e3Id: o.e3Id, title, diseases, minContributors: m, maxCount: o.maxCount, ...programRef(o, 'datapool') };
  }
  throw new WebRequestError('kind must be "ballot" or "datapool"');
}

export class AppRegistry {
  private readonly byId = new Map<string, AppMeta>();
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const m of JSON.parse(readFileSync(file, 'utf8')) as unknown[]) {
        const meta = parseMeta(m);
        this.byId.set(meta.e3Id, meta);
      }
    }
  }
  add(meta: AppMeta): void {
    if (this.byId.has(meta.e3Id)) throw new WebRequestError('this E3 already has an app description', { details: meta.e3Id });
    this.byId.set(meta.e3Id, meta);
    if (this.file) writeFileSync(this.file, JSON.stringify([...this.byId.values()], null, 2) + '\n');
  }
  list(): AppMeta[] {
    return [...this.byId.values()];
  }
}
