/** Baseline cluster: node:cluster prefork, N worker processes on one port, the primary deals connections round-robin. */
import cluster from 'node:cluster';
import net from 'node:net';
import type { WorkSpec } from '../../src/shared/work.js';
import { baselineArgs, echo, HOST, ready, SERVER_OPTIONS } from './common.js';

if (cluster.isPrimary) {
  const { port, work, workers } = baselineArgs();
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({ args: [JSON.stringify({ port, work })], execArgv: [] });
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    // In a cluster, listen(0) gives every worker the same port.
    cluster.fork().once('listening', (address) => ++listening === workers && ready('cluster', address.port));
  }
} else {
  const { port, work } = JSON.parse(process.argv[2]!) as { port: number; work: WorkSpec };
  net.createServer(SERVER_OPTIONS, (socket) => echo(socket, work)).listen(port, HOST);
}
