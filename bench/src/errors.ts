// Relative import until @interfold/ring has an index that exports BaseError (then switch to
// `import { BaseError } from '@interfold/ring'`): the bench must typecheck while ring is written.
import { BaseError } from '../../packages/ring/src/errors.js';

/** The benchmark itself is misconfigured or a subject computed a wrong result. */
export class BenchError extends BaseError {
  override name = 'BenchError';
}
