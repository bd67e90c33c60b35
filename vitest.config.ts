import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real servers and child processes: bound every test and hook.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Two cores: load tests in parallel files would measure each other.
    fileParallelism: false,
    pool: 'forks',
  },
});
