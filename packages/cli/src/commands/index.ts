/** Every `e3` command, in the order `e3 --help` lists them. */
import type { AnyCommand } from '../args.js';
import { devCommand } from './dev.js';
import { statusCommand } from './status.js';
import { nodeStatusCommand } from './nodeStatus.js';
import { nodeInitCommand, nodeRegisterCommand, nodeStartCommand } from './node.js';
import { requestCommand } from './request.js';
import { submitCommand } from './submit.js';
import { resultCommand } from './result.js';
import { uiCommand } from './ui.js';

export const COMMANDS: readonly AnyCommand[] = [devCommand, requestCommand, submitCommand, statusCommand, resultCommand, uiCommand, nodeInitCommand, nodeRegisterCommand, nodeStartCommand, nodeStatusCommand];
