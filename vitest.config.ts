import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

/**
 * The slowest files, started first. Vitest orders files by their last run's times, which a fresh clone (CI) does not
 * have, and then by size: a small slow file started last held one worker for the run's last 20 s with the others done
 * (public-telco.test.ts, 2026-12-08). Slowest first, from the run's own figures; the rest as vitest orders them.
 */
const slowFirst = [
  'tests/integration/fuzz-import.test.ts',
  'tests/integration/libreoffice-roundtrip.test.ts',
  'tests/integration/worklist-import.test.ts',
  'tests/integration/outcome-merge-large.test.ts',
  'tests/unit/exchange/read-stream.test.ts',
  'tests/unit/model/model.test.ts',
  'tests/integration/model.test.ts',
  'tests/integration/identity-numbers.test.ts',
  'tests/unit/model/public-telco.test.ts',
  'tests/integration/kill.test.ts',
  'tests/integration/offer-reach.test.ts',
  'tests/integration/migrate-with-data.test.ts',
  'tests/unit/risk/day-horizon.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = slowFirst.findIndex((p) => f.moduleId.endsWith(p));
      return i < 0 ? slowFirst.length : i;
    };
    // Array sort is stable: the files of one rank keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: SlowFirst },
    projects: [
      { extends: true, test: { name: 'shared', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
