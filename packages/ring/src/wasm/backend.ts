/**
 * Which implementation runs the NTT and the pointwise limb operations: the WebAssembly kernel
 * ('wasm', the default when it can be instantiated) or the pure TypeScript reference ('js').
 * Both give bit-for-bit identical results; 'js' exists as the reference, as the fallback where
 * WebAssembly (with SIMD) is unavailable, and for tests that compare the two.
 *
 * The environment variable INTERFOLD_NO_WASM=1 selects 'js' at start-up.
 */
import { InvalidParameterError } from '../errors.js';
import { isWasmAvailable, kernelHeap } from './instance.js';

export type NttBackend = 'js' | 'wasm';

function envNoWasm(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.INTERFOLD_NO_WASM === '1';
}

/** The requested backend; 'auto' resolves to 'wasm' if it can be instantiated, else 'js'. */
let requested: NttBackend | 'auto' = envNoWasm() ? 'js' : 'auto';
let resolved: NttBackend | undefined;

/**
 * Selects the backend for every NttTable and limb operation of this process.
 * 'wasm' instantiates the kernel now and throws WasmUnavailableError if that fails.
 */
export function setNttBackend(backend: NttBackend): void {
  if (backend !== 'js' && backend !== 'wasm') {
    throw new InvalidParameterError('Unknown NTT backend', { details: `got ${JSON.stringify(backend)}; expected 'js' or 'wasm'` });
  }
  if (backend === 'wasm') kernelHeap();
  requested = backend;
  resolved = backend;
}

/** The backend in use (resolving the default on first call). */
export function getNttBackend(): NttBackend {
  if (resolved === undefined) resolved = requested === 'auto' ? (isWasmAvailable() ? 'wasm' : 'js') : requested;
  return resolved;
}
