/**
 * JSON-lines logger (issue 8, "Observability"): one JSON object per line with `time` (ISO),
 * `level`, `msg`, the child bindings and the call's fields. Values JSON cannot carry are made
 * readable: bigint → decimal string, bytes → hex (first 64 bytes), Error → name/message/details.
 * Callers never pass secrets (keys, shares) as fields.
 */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const RANK: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  readonly level: LogLevel;
  trace(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  fatal(msg: string, fields?: LogFields): void;
  /** A logger adding these bindings to every line (e.g. { component: 'net' }, { e3Id }). */
  child(bindings: LogFields): Logger;
  isEnabled(level: LogLevel): boolean;
}

export type LoggerOptions = {
  readonly level?: LogLevel;
  /** Where lines go (default: stderr). Each call gets one line including the trailing newline. */
  readonly sink?: (line: string) => void;
  readonly bindings?: LogFields;
  /** Clock (tests). */
  readonly now?: () => number;
};

const MAX_BYTES_SHOWN = 64;

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value.subarray(0, MAX_BYTES_SHOWN)).toString('hex');
    return value.length > MAX_BYTES_SHOWN ? `0x${hex}…(${value.length} bytes)` : `0x${hex}`;
  }
  if (value instanceof Error) {
    const details = (value as { details?: unknown }).details;
    const cause = value.cause instanceof Error ? `${value.cause.name}: ${value.cause.message}` : undefined;
    return { name: value.name, message: (value as { shortMessage?: string }).shortMessage ?? value.message, details, cause };
  }
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

function serialise(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record, replacer);
  } catch {
    // a cycle or a throwing getter: keep the line, drop the fields
    return JSON.stringify({ time: record.time, level: record.level, msg: record.msg, logError: 'unserialisable fields' });
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!(level in RANK)) throw new RangeError(`unknown log level ${String(level)}`);
  const sink = options.sink ?? ((line: string) => void process.stderr.write(line));
  const now = options.now ?? Date.now;
  const bindings = options.bindings ?? {};
  const threshold = RANK[level];
  const write = (lvl: LogLevel) => (msg: string, fields?: LogFields) => {
    if (RANK[lvl] < threshold) return;
    sink(`${serialise({ time: new Date(now()).toISOString(), level: lvl, msg, ...bindings, ...fields })}\n`);
  };
  return {
    level,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    fatal: write('fatal'),
    child: (more) => createLogger({ level, sink, now, bindings: { ...bindings, ...more } }),
    isEnabled: (lvl) => RANK[lvl] >= threshold && lvl !== 'silent',
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = createLogger({ level: 'silent', sink: () => undefined });
