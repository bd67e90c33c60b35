/** Child for the socket-handoff benchmark: stays up, echoes every socket the parent hands it. */
import type { Socket } from 'node:net';

// Never outlive the parent: its death (even SIGKILL) closes the IPC channel.
process.on('disconnect', () => process.exit(0));

process.on('message', (_message: unknown, socket: Socket | undefined) => {
  if (!socket) return;
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  socket.on('data', (data: Buffer) => socket.write(data));
  socket.on('end', () => socket.end());
  socket.resume();
});
process.send?.('ready');
