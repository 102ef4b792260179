#!/usr/bin/env node
// The installed command: runs the bundled CLI (built by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'node', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('Retention Desk is not built yet. Run: npm run build\n');
  process.exit(1);
}
require(cli)
  .runCli(process.argv.slice(2))
  .then((code) => process.exit(code), (e) => { process.stderr.write(String(e && e.message || e) + '\n'); process.exit(1); });
