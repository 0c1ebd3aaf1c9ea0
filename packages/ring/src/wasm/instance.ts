/**
 * The WebAssembly kernel (packages/ring/wasm/ntt.as.ts), instantiated synchronously once per
 * process from the base64 bytes of the generated kernel.ts, and the allocator that hands out
 * regions of its linear memory (polynomials, twiddle tables, scratch buffers).
 *
 * The memory is an ARENA OF FIXED SIZE: grown once, at instantiation, to `arenaBytes()` and never
 * again. Growing a (non-shared) WebAssembly memory detaches its ArrayBuffer, which would turn every
 * Float64Array view held by a live RnsPoly into an empty array; a fixed arena keeps those views
 * valid for the life of the process. The pages are only reserved: the OS backs them when first
 * written, so an idle arena costs no resident memory. When the arena is full `alloc` throws
 * WasmUnavailableError and callers fall back to the JS heap (same results, with copies).
 */
import { BaseError } from '../errors.js';
import { KERNEL_WASM_BASE64 } from './kernel.js';

/** The ABI version the kernel must report (see ABI_VERSION in ntt.as.ts). */
const EXPECTED_ABI = 3;
const PAGE = 65536;
/** Every region is 16-byte aligned (SIMD loads) and sized in 16-byte units. */
const ALIGN = 16;
/** Default arena size; INTERFOLD_WASM_ARENA_MB overrides it (16 ≤ MB ≤ 4000). */
const DEFAULT_ARENA_MB = 256;
const MIN_ARENA_MB = 16;

/** The arena size to request, in bytes (the environment knob or the default). */
export function arenaBytes(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const raw = env?.INTERFOLD_WASM_ARENA_MB;
  const mb = raw === undefined || raw === '' ? DEFAULT_ARENA_MB : Number(raw);
  if (!Number.isInteger(mb) || mb < MIN_ARENA_MB || mb > 4000) {
    throw new WasmUnavailableError('INTERFOLD_WASM_ARENA_MB must be an integer in [16, 4000]', { details: `got ${JSON.stringify(raw)}` });
  }
  return mb * 1024 * 1024;
}

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
  addMod(x: number, y: number, z: number, n: number, q: number): void;
  subMod(x: number, y: number, z: number, n: number, q: number): void;
  negMod(x: number, z: number, n: number, q: number): void;
  firstInvalid(a: number, n: number, q: number): number;
  addModWide(x: number, y: number, z: number, n: number, q: number): void;
  reduceCentered(x: number, z: number, n: number, qi: number, qj: number, qjInv: number): void;
  mulDivRem(x: number, quo: number, frac: number, n: number, q: number, qInv: number, w: number, wq: number): void;
  accumulateScaled(y: number, acc: number, n: number, s: number): void;
};

/** Allocator statistics (tests check that they return to where they were: no leak). */
export type HeapStats = {
  /** Bytes in regions handed out and not yet released. */
  readonly bytesInUse: number;
  /** Number of such regions. */
  readonly regionsInUse: number;
  /** High-water mark of the bump pointer, in bytes from the heap base. */
  readonly bytesTouched: number;
  /** Arena size in bytes (the whole linear memory). */
  readonly capacity: number;
};

/**
 * Exact-size free lists over the fixed arena: polynomials come in a handful of sizes (L·N values
 * per ring), so a released region is reused by the next request of its size. Regions never move.
 */
export class WasmHeap {
  readonly k: KernelExports;
  /** The arena's buffer: a Float64Array is resident iff its `buffer` is this one. */
  readonly buffer: ArrayBuffer;
  /** A view of the whole memory (never detached: the arena does not grow). */
  readonly f64: Float64Array;
  private readonly base: number;
  private top: number;
  private readonly free = new Map<number, number[]>();
  private inUse = 0;
  private regions = 0;

  constructor(k: KernelExports, bytes: number) {
    this.k = k;
    this.base = roundUp(k.heapBase());
    this.top = this.base;
    const have = k.memory.buffer.byteLength;
    let want = Math.max(bytes, have);
    // Reserve the arena now, halving the request where the host refuses (32-bit browsers).
    for (;;) {
      try {
        if (want > have) k.memory.grow(Math.ceil((want - have) / PAGE));
        break;
      } catch (cause) {
        if (want / 2 < MIN_ARENA_MB * 1024 * 1024) throw new WasmUnavailableError('Cannot reserve the WebAssembly arena', { details: `${want} bytes`, cause });
        want = Math.floor(want / 2);
      }
    }
    this.buffer = k.memory.buffer;
    this.f64 = new Float64Array(this.buffer);
  }

  /** A region of at least `bytes` bytes, 16-byte aligned, contents unspecified; throws WasmUnavailableError when the arena is full. */
  alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, ALIGN));
    const reuse = this.free.get(size);
    let ptr: number;
    if (reuse !== undefined && reuse.length > 0) ptr = reuse.pop() as number;
    else {
      ptr = this.top;
      if (ptr + size > this.buffer.byteLength) {
        throw new WasmUnavailableError('WebAssembly arena full', { details: `need ${size} bytes, ${this.buffer.byteLength - ptr} left` });
      }
      this.top = ptr + size;
    }
    this.inUse += size;
    this.regions++;
    return ptr;
  }

  /** Returns a region obtained from `alloc(bytes)` with the same `bytes`. */
  release(ptr: number, bytes: number): void {
    const size = roundUp(Math.max(bytes, ALIGN));
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = []));
    list.push(ptr);
    this.inUse -= size;
    this.regions--;
  }

  /** Bytes of linear memory reserved (the arena). */
  get size(): number {
    return this.buffer.byteLength;
  }

  stats(): HeapStats {
    return { bytesInUse: this.inUse, regionsInUse: this.regions, bytesTouched: this.top - this.base, capacity: this.buffer.byteLength };
  }

  /** The byte address of `a` if it is a view into the arena, else −1. */
  addressOf(a: Float64Array): number {
    return a.buffer === this.buffer ? a.byteOffset : -1;
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
    heap = new WasmHeap(k, arenaBytes());
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
