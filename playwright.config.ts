import { defineConfig } from '@playwright/test';
import { e2eZone } from './tests/e2e/zone';

// Chromium comes from Debian (scripts/find-chromium.mjs via `npm test` sets CHROMIUM_PATH); Playwright's own
// browser download does not work on the build machines. The flags keep Chromium off the closed network.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    // The backend's zone (tests/e2e/zone.ts): local midday whenever the suite runs.
    timezoneId: e2eZone(),
    screenshot: 'only-on-failure',
    // As a user who turned animations off in their system (the app then neither slides, fades nor ripples:
    // renderer/src/app/theme.ts). Drawing the animations was an eighth of the suite's CPU on the 2-core machines (phone and
    // hall specs: 120–128 CPU-s with them, 106 without, 2026-12-08), which bounds `npm test`'s time; the specs that
    // set `reducedMotion: 'no-preference'` keep the animated app covered.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    },
  },
});
