/**
 * What the harness and an `echolab agent --role server` say to each other over ssh, one JSON object
 * a line. The stats request and reply are the serve control channel's own (control-channel.ts); a
 * generator agent speaks the generator protocol (generator-protocol.ts) unchanged.
 */
import type { ControlReply, ControlRequest } from '../../models/control-channel.js';
import type { ResultRow } from '../../results/schema.js';

export type ToServerAgent =
  | { type: 'serve'; model: string; args: string[] }
  | ControlRequest
  /** Sample the server's process tree from /proc on its own host: start, a window ended, stop (and report). */
  | { type: 'sample'; action: 'start' | 'window' | 'stop' };

export type FromServerAgent =
  | { type: 'ready'; port: number; pid: number }
  | ControlReply
  | { type: 'samples'; server: NonNullable<ResultRow['server']> }
  | { type: 'exited'; code: number | null; signal: string | null; log: string }
  | { type: 'fatal'; message: string };
