import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Three test files at a time. Vitest's default is one fewer than the CPUs: on the 2-core machines CI and the counter
    // PCs have, that was one file at a time, and the run took 406 s of `npm test`'s 10 minutes; two took ~250 s then.
    // Most files wait on SQLite's disk or a child process as much as on the CPU: with the suite grown, two took 355 s
    // and three 296 s, back to back on the same machine (2026-12-07; Playwright gained nothing from a third worker,
    // 283 s against 4.4 min). No test asserts a time (timings live in `npm run bench`), so sharing the CPUs slows a
    // file but cannot fail it; the slowest tests state their own time-outs.
    maxWorkers: 3,
    globalSetup: ['tests/support/build-node.ts'],
  },
});
