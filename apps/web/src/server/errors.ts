/** Errors of the web server, on the project's base error (short message, details, cause). */
import { BaseError } from '@interfold/ring';

export class WebError extends BaseError {
  override name = 'WebError';
}

/** A page sent a request the server refuses (bad JSON, unknown parameter set, too large): HTTP 400. */
export class WebRequestError extends WebError {
  override name = 'WebRequestError';
}

/** The page bundle could not be built (esbuild). */
export class BundleError extends WebError {
  override name = 'BundleError';
}
