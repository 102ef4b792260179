// Finds a Chromium for the end-to-end tests: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then
// Playwright's own download (which cannot be fetched on the build machines, but may exist on a laptop).
import fs from 'node:fs';
import { createRequire } from 'node:module';

export function findChromium(env = process.env) {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('@playwright/test');
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // Playwright's browser is not installed: fall through to the clear message below.
  }
  return null;
}

export const chromiumMissingMessage =
  'No Chromium found for the end-to-end tests. Install Debian\'s package (apt-get install -y chromium), ' +
  'or set CHROMIUM_PATH to a Chromium/Chrome executable.';
