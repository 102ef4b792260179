import { defineConfig } from 'vitest/config';

/**
 * Test files that must start from a fresh module state, each in a process of its own: the renderer's and the
 * desktop shell's (stores, mocked modules), and one that checks SheetJS before the backend has given it Node's zlib.
 * Every other file shares its worker's loaded modules with the files before it (`isolate: false`): loading the
 * backend's modules again for each of ~170 files took 121 s of the files' summed time, 47 s now (vitest's own
 * "import" figure; the whole run 292 s → 243 s together with two slow files trimmed, 2026-12-08). What they share is
 * code and caches keyed by the objects a test makes; a file that changes process-wide state (the environment, the
 * zone) puts it back itself.
 */
const isolated = ['tests/unit/renderer/**/*.test.ts', 'tests/unit/electron/**/*.test.ts', 'tests/unit/exchange/read.test.ts'];

export default defineConfig({
  test: {
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
    projects: [
      { extends: true, test: { name: 'shared', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
