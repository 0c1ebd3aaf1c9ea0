// @interfold/bfv uses Node's Buffer (parameter cache keys, serialisation): in a browser page the
// `buffer` package provides it (esbuild `inject`). Apps bundling the SDK need the same shim.
import { Buffer } from 'buffer';
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
