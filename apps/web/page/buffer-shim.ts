// @interfold/bfv uses Node's Buffer (parameter cache keys, serialisation): in the page the
// `buffer` package provides it (esbuild `inject`, src/server/bundle.ts).
import { Buffer } from 'buffer';
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
