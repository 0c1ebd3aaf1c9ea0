import { BaseError } from '@interfold/ring';

export type ConfigSource = 'default' | 'file' | 'env' | 'flag';

/** A configuration value is missing, malformed or out of range; names the field and where it came from. */
export class ConfigError extends BaseError {
  override name = 'ConfigError';
  constructor(
    readonly field: string,
    shortMessage: string,
    options: { source?: ConfigSource; details?: string; cause?: unknown } = {},
  ) {
    super(`Config "${field}"${options.source ? ` (from ${options.source})` : ''}: ${shortMessage}`, { details: options.details, cause: options.cause });
  }
}
