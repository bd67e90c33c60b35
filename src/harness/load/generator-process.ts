/** A generator process: runs the load the harness asks for over IPC and reports each measured window. */
import type { FromGenerator, ToGenerator } from './generator-protocol.js';
import { generatorHandler } from './generator-handler.js';
import { leaveInterruptToParent } from '../../shared/interrupt.js';

// Never outlive the harness.
process.on('disconnect', () => process.exit(0));
leaveInterruptToParent();

const handle = generatorHandler((message: FromGenerator) => process.send?.(message));
process.on('message', (message: ToGenerator) => handle(message));
