/**
 * Storage of polynomial residues in the kernel's arena (instance.ts), so that the NTT, the
 * pointwise products and the limb additions run on them in place, with no copy in or out.
 *
 * Freeing, in order of preference:
 *   1. scopes: every temporary of an operation is taken from a `PolyScope` and released when the
 *      operation returns or throws (`withPolyScope`), so the library's own code cannot forget;
 *   2. `RnsPoly.free()` for a caller that knows a result is dead (hot loops, key disposal);
 *   3. a FinalizationRegistry as a BACKSTOP only, for results the caller simply drops. It frees a
 *      region once the garbage collector has collected every view into it (the whole-buffer view
 *      and each limb view: a caller holding one limb keeps the region alive), never earlier.
 * Because the collector does not see the arena's size, dropped results may wait; when the arena is
 * full, new polynomials fall back to the JS heap (same results, slower), never to an error.
 */
import { getNttBackend } from './backend.js';
import { kernelHeap, WasmUnavailableError, type WasmHeap } from './instance.js';

/** One arena region backing one polynomial or temporary. */
export type Region = {
  readonly heap: WasmHeap;
  readonly ptr: number;
  readonly bytes: number;
  /** Registered views not yet collected (backstop bookkeeping). */
  pending: number;
  released: boolean;
};

let backstopFrees = 0;
let heapFallbacks = 0;

const backstop = new FinalizationRegistry<Region>((r) => {
  if (--r.pending > 0 || r.released) return;
  r.released = true;
  r.heap.release(r.ptr, r.bytes);
  backstopFrees++;
});

/** Counters for tests and diagnostics: frees done by the backstop, allocations that fell back to the JS heap. */
export function arenaCounters(): { readonly backstopFrees: number; readonly heapFallbacks: number } {
  return { backstopFrees, heapFallbacks };
}

/**
 * `length` f64 values in the arena (contents unspecified), or undefined when the backend is 'js',
 * the kernel is unavailable, or the arena is full — the caller then uses the JS heap.
 */
export function allocRegion(length: number): { region: Region; data: Float64Array } | undefined {
  if (getNttBackend() !== 'wasm') return undefined;
  let heap: WasmHeap;
  let ptr: number;
  const bytes = 8 * length;
  try {
    heap = kernelHeap();
    ptr = heap.alloc(bytes);
  } catch (e) {
    if (!(e instanceof WasmUnavailableError)) throw e;
    heapFallbacks++;
    return undefined;
  }
  return { region: { heap, ptr, bytes, pending: 0, released: false }, data: new Float64Array(heap.buffer, ptr, length) };
}

/** Puts every view of a region under the backstop (call once, with all views the owner exposes). */
export function guardViews(region: Region, views: readonly Float64Array[]): void {
  region.pending = views.length;
  for (const v of views) backstop.register(v, region, region);
}

/** Releases a region now (idempotent); its views must not be used afterwards. */
export function releaseRegion(region: Region): void {
  if (region.released) return;
  region.released = true;
  if (region.pending > 0) backstop.unregister(region);
  region.heap.release(region.ptr, region.bytes);
}
