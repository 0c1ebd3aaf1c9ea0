/** Every `e3` command, in the order `e3 --help` lists them. */
import type { AnyCommand } from '../args.js';
import { devCommand } from './dev.js';
import { statusCommand } from './status.js';

export const COMMANDS: readonly AnyCommand[] = [devCommand, statusCommand];
