/**
 * The WebAssembly NTT kernel (packages/ring/wasm/ntt.as.ts), instantiated synchronously once per
 * process from the base64 bytes of the generated kernel.ts, and the small allocator that hands
 * out regions of its linear memory (twiddle tables, scratch buffers).
 *
 * The kernel never allocates and never grows memory; only `WasmHeap.alloc` grows it, and it
 * refreshes the Float64Array view of the whole memory right after (growing detaches the old
 * ArrayBuffer), so `heap.f64` is always valid between calls.
 */
import { BaseError } from '../errors.js';
import { KERNEL_WASM_BASE64 } from './kernel.js';

/** The ABI version the kernel must report (see ABI_VERSION in ntt.as.ts). */
const EXPECTED_ABI = 1;
const PAGE = 65536;
/** Every region is 16-byte aligned (SIMD loads) and sized in 16-byte units. */
const ALIGN = 16;

/** The WebAssembly kernel cannot be used here (no WebAssembly, no SIMD, wrong ABI). */
export class WasmUnavailableError extends BaseError {
  override name = 'WasmUnavailableError';
}

// The root tsconfig has no DOM lib and @types/node 20 does not declare WebAssembly: the few
// members used here are typed locally (which also covers hosts without WebAssembly at all).
type WasmMemory = { readonly buffer: ArrayBuffer; grow(pages: number): number };
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
};

/** The exports of the compiled kernel; addresses are byte offsets, values f64 (see ntt.as.ts). */
export type KernelExports = {
  readonly memory: WasmMemory;
  abiVersion(): number;
  heapBase(): number;
  prepTwiddles(tw: number, count: number): void;
  forward(a: number, tw: number, logN: number, q: number): number;
  inverse(a: number, tw: number, logN: number, q: number): number;
  mulPointwise(x: number, y: number, z: number, n: number, q: number, qInv: number): void;
  mulAddPointwise(x: number, y: number, acc: number, n: number, q: number, qInv: number): void;
  mulScalar(x: number, z: number, n: number, q: number, w: number, wq: number): void;
};

/** First-fit-by-exact-size allocator over the kernel's memory. Regions are never moved. */
export class WasmHeap {
  readonly k: KernelExports;
  /** A view of the whole memory, refreshed after every growth. */
  f64: Float64Array;
  private top: number;
  private readonly free = new Map<number, number[]>();

  constructor(k: KernelExports) {
    this.k = k;
    this.top = roundUp(k.heapBase());
    this.f64 = new Float64Array(k.memory.buffer);
  }

  /** A region of at least `bytes` bytes, 16-byte aligned, contents unspecified. */
  alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, ALIGN));
    const reuse = this.free.get(size);
    if (reuse !== undefined && reuse.length > 0) return reuse.pop() as number;
    const ptr = this.top;
    const end = ptr + size;
    const have = this.k.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.k.memory.grow(Math.ceil((end - have) / PAGE));
      } catch (cause) {
        throw new WasmUnavailableError('WebAssembly memory exhausted', { details: `need ${end} bytes`, cause });
      }
      this.f64 = new Float64Array(this.k.memory.buffer);
    }
    this.top = end;
    return ptr;
  }

  /** Returns a region obtained from `alloc(bytes)` with the same `bytes`. */
  release(ptr: number, bytes: number): void {
    const size = roundUp(Math.max(bytes, ALIGN));
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = []));
    list.push(ptr);
  }

  /** Bytes of linear memory currently reserved (for tests and diagnostics). */
  get size(): number {
    return this.k.memory.buffer.byteLength;
  }
}

function roundUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

/** Decodes base64 without Buffer (works in Node and browsers). */
function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let heap: WasmHeap | undefined;
let failure: WasmUnavailableError | undefined;

/** Compiles and instantiates the kernel (once per process); throws WasmUnavailableError. */
export function kernelHeap(): WasmHeap {
  if (heap !== undefined) return heap;
  if (failure !== undefined) throw failure;
  try {
    const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (wa === undefined) throw new Error('WebAssembly is not defined');
    const module = new wa.Module(decodeBase64(KERNEL_WASM_BASE64));
    const k = new wa.Instance(module, {}).exports as KernelExports;
    const abi = k.abiVersion();
    if (abi !== EXPECTED_ABI) throw new Error(`kernel ABI ${abi}, expected ${EXPECTED_ABI}`);
    heap = new WasmHeap(k);
    return heap;
  } catch (cause) {
    failure = new WasmUnavailableError('The WebAssembly NTT kernel could not be instantiated', {
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
    });
    throw failure;
  }
}

/** Whether the kernel can be instantiated in this process (instantiates it if not yet done). */
export function isWasmAvailable(): boolean {
  try {
    kernelHeap();
    return true;
  } catch {
    return false;
  }
}

/**
 * A scratch area of `slots` slots of f64 values for copying operands in and out, reused across
 * calls and replaced by a larger one when needed.
 */
export class Scratch {
  private ptr = 0;
  private bytes = 0;
  /** Capacity of each slot, in f64 values. */
  cap = 0;
  constructor(private readonly slots: number) {}

  /** Ensures each slot holds n values; returns the address of slot 0 (slot i at + 8·cap·i). */
  ensure(h: WasmHeap, n: number): number {
    if (n > this.cap) {
      const cap = Math.max(n + (n & 1), 2 * this.cap); // even: slots stay 16-byte aligned
      const bytes = 8 * cap * this.slots;
      const ptr = h.alloc(bytes); // first: if it throws, the old region stays ours
      if (this.bytes > 0) h.release(this.ptr, this.bytes);
      this.ptr = ptr;
      this.bytes = bytes;
      this.cap = cap;
    }
    return this.ptr;
  }
}
