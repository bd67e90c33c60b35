/** A port already taken gives one clear line and the address-in-use exit code, for every model. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { once } from 'node:events';
import { ServerStartError } from '../../src/harness/server/server-process.js';
import { ExitCode } from '../../src/shared/exit-codes.js';
import { MODEL_IDS, serverPool } from '../helpers/servers.js';

describe('port in use', () => {
  const pool = serverPool();
  const holder = net.createServer();
  let port: number;
  beforeAll(async () => {
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    port = (holder.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    holder.close();
    await pool.cleanup();
  });

  it.each(MODEL_IDS)('%s exits with the address-in-use code and one line', async (model) => {
    const failure = await pool.start(model, { args: ['--port', String(port)] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerStartError);
    const { exitCode, stderr } = failure as ServerStartError;
    expect(exitCode).toBe(ExitCode.addressInUse);
    expect(stderr).toBe(`serve: cannot listen on 127.0.0.1:${port}: address already in use\n`);
  });
});

describe('a second reuseport server on the port of a running one', () => {
  const pool = serverPool();
  afterAll(() => pool.cleanup());

  it('is refused (SO_REUSEPORT must not let it join the first and split its clients)', async () => {
    const first = await pool.start('reuseport', { args: ['--port', '0'] });
    const failure = await pool.start('reuseport', { args: ['--port', String(first.port)] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerStartError);
    expect((failure as ServerStartError).exitCode).toBe(ExitCode.addressInUse);
  });
});
