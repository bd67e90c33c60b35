/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group: to every child process
 * a server or the bench started, not only to them. A child left to Node's default would die at once,
 * cutting its connections before its parent's graceful stop; its parent decides when it stops.
 */
export function leaveInterruptToParent(): void {
  process.on('SIGINT', () => {});
}
