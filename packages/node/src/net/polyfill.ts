/**
 * libp2p@3 calls `Promise.withResolvers` (ES2024, Node ≥ 22); Node 20 lacks it (TOOLCHAIN.md).
 * Imported first by every module that loads libp2p, so it is in place before any libp2p code runs.
 */
type Resolvers<T> = { promise: Promise<T>; resolve: (v: T | PromiseLike<T>) => void; reject: (e?: unknown) => void };
type WithResolvers = { withResolvers?: <T>() => Resolvers<T> };

const P = Promise as unknown as WithResolvers;
if (typeof P.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>(): Resolvers<T> {
      let resolve!: Resolvers<T>['resolve'];
      let reject!: Resolvers<T>['reject'];
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
export {};
