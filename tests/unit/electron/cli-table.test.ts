import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, readmeCommandTable, runCli, usageText } from '../../../electron/cli';

/** Issue 13 #5: the CLI is a table of commands; --help and the README's command table are made from it. */
describe('the CLI command table', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

  it('the README lists exactly the commands the table has, as the table says them', () => {
    const block = /<!-- cli-commands:start -->\n([\s\S]*?)\n<!-- cli-commands:end -->/.exec(readme)?.[1];
    expect(block, 'README.md needs the table between <!-- cli-commands:start --> and <!-- cli-commands:end -->').toBeDefined();
    // To bring the README up to date: node dist/node/cli.cjs readme-table
    expect(block).toBe(readmeCommandTable());
  });

  it('--help names every command with its usage, and every name is unique', async () => {
    const lines: string[] = [];
    expect(await runCli(['--help'], { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    for (const c of commands) expect(lines.join('\n')).toContain(c.synopsis);
    expect(lines.join('\n')).toBe(usageText());
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  });

  it('an unknown command is a usage error (exit 2) that points at --help', async () => {
    const err: string[] = [];
    expect(await runCli(['frobnicate'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/Unknown command: frobnicate[\s\S]*--help/);
  });
});
