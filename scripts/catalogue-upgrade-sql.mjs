// `node scripts/catalogue-upgrade-sql.mjs [--from 13] [--follow-ups]`: prints the SQL that brings a workspace's default offers, as
// the migrations up to --from left them, to core/offers/default-catalogue.ts — the generated part of a migration
// such as 014 (db/catalogue.ts `catalogueUpgradeSql`: only offers still equal to the earlier default change, and
// the version they replace is kept). Paste it into the migration; its unit test rebuilds the same text.
// `--saved` compares and keeps the offers' follow-up too (an upgrade from schema 18 on, e.g. 031: --from 30 --saved).
// `--follow-ups` prints instead the SQL that gives the defaults their follow-up (migration 018: `catalogueFollowUpSql`,
// run with --from 16).
// Regenerate when the defaults change again before that migration ships (e.g. after a merge that changes them).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'follow-ups': { type: 'boolean', default: false }, saved: { type: 'boolean', default: false }, from: { type: 'string', default: '13' }, at: { type: 'string', default: '2026-12-05T00:00:00.000Z' } } });
const source = `
import Database from 'better-sqlite3';
import { migrate } from './db/migrate';
import { catalogueFollowUpSql, catalogueUpgradeSql, listOffers } from './db/catalogue';
import { defaultOffers } from './core/offers/default-catalogue';
const db = new Database(':memory:');
migrate(db, ${Number(values.from)});
process.stdout.write(${values['follow-ups'] ? 'catalogueFollowUpSql' : 'catalogueUpgradeSql'}(listOffers(db), defaultOffers, ${JSON.stringify(values.at)}${values.saved ? ', { followUp: true }' : ''}));
`;
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rd-upgrade-sql-')), 'gen.cjs');
await build({ stdin: { contents: source, resolveDir: root, loader: 'ts' }, outfile: out, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
const r = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
fs.rmSync(path.dirname(out), { recursive: true, force: true });
process.exit(r.status ?? 1);
