/** Run pinned to the server's CPUs by the bench: prints this CPU's calibration of the work hash as JSON. */
import { calibrate } from '../../shared/work.js';

process.stdout.write(`${JSON.stringify(calibrate())}\n`);
