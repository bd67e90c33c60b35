#!/usr/bin/env node
/**
 * serve: start one echo server model. The first stdout line is machine-readable:
 *   listening <host>:<port> model=<model> pid=<pid>
 * SIGINT/SIGTERM stop it gracefully; SIGUSR2 logs its stats.
 */
import '../shared/require-node.js'; // first: a one-line stop on an old Node
import { fileURLToPath } from 'node:url';
import { exitIfSupervisorLeaves, serveControlChannel } from '../models/control-channel.js';
import { isDaemonProcess, launchDaemon, reportReady } from '../shared/daemon.js';
import { runMain } from './run-main.js';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { formatHost } from '../shared/listen.js';
import { parseServeArgs, USAGE } from './serve-options.js';
import { checkPidFile, removePidFile, writePidFile } from '../shared/pid-file.js';
import { workLine, workOfFlags } from '../shared/work-of-flags.js';
import { loadModel } from '../models/index.js';

runMain('serve', USAGE, async (argv) => {
  const parsed = parseServeArgs(argv);
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options } = parsed;

  if (options.daemon && !isDaemonProcess()) {
    // Check the pid file here too, so the terminal (not only the daemon's log) hears about it.
    if (options.pidFile) checkPidFile(options.pidFile, createLogger(options.logLevel, options.model));
    const script = fileURLToPath(import.meta.url);
    const readyLine = await launchDaemon(script, argv.filter((arg) => arg !== '--daemon'), options.logFile!);
    process.stdout.write(`${readyLine}\n`);
    return;
  }

  const log = createLogger(options.logLevel, options.model, logSink(options.logFile));
  if (options.pidFile) checkPidFile(options.pidFile, log);

  const work = workOfFlags(options);
  const said = workLine(work, options);
  if (said) log.info(said);

  const stopExitingWithSupervisor = exitIfSupervisorLeaves();
  const startModel = await loadModel(options.model);
  const server = await startModel({ options, work, log });
  if (options.pidFile) writePidFile(options.pidFile);

  const readyLine = `listening ${formatHost(server.address.address)}:${server.address.port} model=${options.model} pid=${process.pid}`;
  process.stdout.write(`${readyLine}\n`);
  // On a terminal, stdout and a log on stderr share one screen: say it once there; a piped stdout or a log file gets its own copy.
  const oneScreen = process.stdout.isTTY && process.stderr.isTTY && options.logFile === undefined;
  if (!oneScreen) log.info(readyLine);
  if (isDaemonProcess()) reportReady(readyLine);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: stopping, waiting up to ${options.graceMs / 1000}s for live connections (${JSON.stringify(await server.stats())})`);
    await server.stop();
    if (options.pidFile) removePidFile(options.pidFile);
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
  stopExitingWithSupervisor();
  serveControlChannel(() => server.stats(), () => void stop('SIGTERM'));
  process.on('SIGUSR2', async () => log.info(`stats ${JSON.stringify(await server.stats())}`));
});
