export { BaseError, DecodeError, InvalidParameterError, MismatchError, type BaseErrorOptions } from './errors.js';
export { Modulus, MAX_MODULUS, MAX_MODULUS_BITS, TWO26, INV_TWO26, powMod, invMod, type ShoupConstant } from './modulus.js';
export { isPrime, nttPrimes, minimalPrimitiveRoot } from './primes.js';
export {
  NttTable,
  bitReverse,
  isPowerOfTwo,
  limbMulPointwise,
  limbMulAddPointwise,
  limbMulScalar,
  limbAdd,
  limbSub,
  limbNeg,
  limbAddWide,
  limbReduceCentered,
  limbAccumulateScaled,
  setNttBackend,
  getNttBackend,
  isWasmAvailable,
  type NttBackend,
} from './ntt.js';
export { RnsBasis, BaseConverter, gcd } from './rns.js';
export {
  RingContext,
  RnsPoly,
  polyAdd,
  polySub,
  polyNeg,
  polyMulPointwise,
  polyMulAddPointwise,
  polyMulScalar,
  scalarConstants,
} from './poly.js';
export { PolyScope, withPolyScope } from './scope.js';
export { arenaCounters } from './wasm/arena.js';
export { kernelHeap, type HeapStats, type WasmHeap } from './wasm/instance.js';
export { cryptoSource, SeededSource, type RandomSource } from './random.js';
export { sampleTernary, sampleCbd, sampleUniformInto, sampleUniformBig, CBD_ETA, CBD_SIGMA } from './sampling.js';
export { exactPolyMul, exactNegacyclicMul } from './exact.js';
export { limbMulDivRem } from './divrem.js';
export { bytesToHex, hexToBytes, ByteWriter, ByteReader } from './bytes.js';
