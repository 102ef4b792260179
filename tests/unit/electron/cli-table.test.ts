import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, readmeCommandTable, runCli, usageText } from '../../../electron/cli';
import { helpZh } from '../../../electron/cli/help-zh';

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
    expect(await runCli(['--help', '--lang', 'en'], { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    for (const c of commands) expect(lines.join('\n')).toContain(c.synopsis);
    expect(lines.join('\n')).toBe(usageText('en'));
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  });

  it('--help is in Chinese unless --lang en, as the rest of the CLI: every command says what it does and names the same options (it was English only beside Chinese output)', async () => {
    const lines: string[] = [];
    expect(await runCli(['--help'], { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    const text = lines.join('\n');
    expect(text).toBe(usageText('zh-CN'));
    expect(text).toContain('用法：retention-desk <命令> [选项]');
    const flags = (s: string | undefined) => new Set((s ?? '').match(/--[a-z][a-z-]*/g) ?? []);
    for (const c of commands) {
      const zh = helpZh[c.name];
      expect(zh, c.name).toBeDefined();
      expect(zh!.summary, c.name).toMatch(/\p{Script=Han}/u);
      expect(text).toContain(c.synopsis);
      expect(flags(zh!.help), c.name).toEqual(flags(c.help));
      expect(flags(zh!.summary), c.name).toEqual(flags(c.summary));
    }
    expect(Object.keys(helpZh).sort()).toEqual(commands.map((c) => c.name).sort());
  });

  it('an unknown command is a usage error (exit 2) that points at --help', async () => {
    const err: string[] = [];
    expect(await runCli(['frobnicate'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/没有这个命令：frobnicate[\s\S]*retention-desk --help/);
    err.length = 0;
    expect(await runCli(['frobnicate', '--lang', 'en'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/Unknown command: frobnicate[\s\S]*--help --lang en/);
  });
});
