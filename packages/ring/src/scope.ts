/**
 * Scoped temporaries: an operation takes every intermediate polynomial or limb buffer from a
 * `PolyScope` and `withPolyScope` releases them all when it returns or throws, so arena memory
 * (wasm/arena.ts) cannot leak through a forgotten free. Results that outlive the operation are
 * allocated outside the scope (`ctx.zero()` / `ctx.alloc()`) or `detach`ed from it.
 */
import type { RingContext, RnsPoly } from './poly.js';
import { allocRegion, releaseRegion, type Region } from './wasm/arena.js';

export class PolyScope {
  private readonly polys: RnsPoly[] = [];
  private readonly regions: Region[] = [];

  /** Tracks p: it is freed with the scope. Returns p. */
  track(p: RnsPoly): RnsPoly {
    this.polys.push(p);
    return p;
  }
  /** Stops tracking p (it becomes the caller's result). Returns p. */
  detach(p: RnsPoly): RnsPoly {
    const i = this.polys.lastIndexOf(p);
    if (i >= 0) this.polys.splice(i, 1);
    return p;
  }
  zero(ctx: RingContext, isNtt = false): RnsPoly {
    return this.track(ctx.zero(isNtt));
  }
  /** Unspecified residues (see RingContext.alloc). */
  alloc(ctx: RingContext, isNtt = false): RnsPoly {
    return this.track(ctx.alloc(isNtt));
  }
  clone(p: RnsPoly): RnsPoly {
    return this.track(p.clone());
  }
  /** A zeroed buffer of n values (one limb), in the arena when possible. */
  f64(n: number): Float64Array {
    const r = allocRegion(n);
    if (r === undefined) return new Float64Array(n);
    this.regions.push(r.region);
    return r.data.fill(0);
  }

  /** Frees everything still tracked; the scope may be reused afterwards. */
  free(): void {
    for (const p of this.polys) p.free();
    for (const r of this.regions) releaseRegion(r);
    this.polys.length = 0;
    this.regions.length = 0;
  }
}

/** Runs f with a fresh scope and frees the scope's temporaries afterwards, whatever happens. */
export function withPolyScope<T>(f: (s: PolyScope) => T): T {
  const s = new PolyScope();
  try {
    return f(s);
  } finally {
    s.free();
  }
}
