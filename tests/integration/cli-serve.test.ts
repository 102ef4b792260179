import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { tempDir } from '../support/temp';

const CLI = path.resolve('dist/node/cli.cjs');

/** The first lines `serve` prints (the built CLI, as a person starts it), then it is stopped. */
async function serveLines(args: string[], count: number): Promise<string[]> {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-demo', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      readline.createInterface({ input: child.stdout! }).on('line', (l) => {
        lines.push(l);
        if (lines.length === count) resolve();
      });
    });
    return lines;
  } finally {
    child.kill('SIGTERM');
  }
}

/** `serve` and `demo` say what they did in the CLI's language: Chinese, or English with --lang en (both were English only). */
describe('CLI serve and demo', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('serve: the address with its secret on the first line, the workspace and how to stop, in Chinese; in English with --lang en', async () => {
    const db = tmp.file('serve.sqlite');
    const zh = await serveLines(['--db', db], 3);
    expect(zh[0]).toMatch(/^维系工作台（浏览器模式）：http:\/\/127\.0\.0\.1:\d+\/#secret=\S+$/u);
    expect(zh.slice(1)).toEqual([`工作区：${db}`, '按 Ctrl+C 停止。']);
    const en = await serveLines(['--db', db, '--lang', 'en'], 3);
    expect(en[0]).toMatch(/^Retention Desk \(browser mode\): http:\/\/127\.0\.0\.1:\d+\/#secret=\S+$/);
    expect(en.slice(1)).toEqual([`Workspace: ${db}`, 'Press Ctrl+C to stop.']);
    // Scripts read the address from the first line either way, or from --json.
    const json = await serveLines(['--db', db, '--json'], 1);
    expect(Object.keys(JSON.parse(json[0]!) as object)).toEqual(['url', 'port', 'db']);
  }, 60_000);

  it('demo: the rows written and the file, in Chinese; in English with --lang en', async () => {
    const said = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const file = tmp.file('demo.xlsx');
    const zh = await said(['demo', '--rows', '1200', '--out', file]);
    expect(zh).toMatchObject({ code: 0, err: '' });
    expect(zh.out).toMatch(new RegExp(`^已写出演示数据 1,200 行 → ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（\\d+\\.\\d MB，用时 [\\d,]+ 毫秒）$`, 'u'));
    expect(fs.existsSync(file)).toBe(true);
    const en = await said(['demo', '--rows', '1200', '--out', file, '--lang', 'en']);
    expect(en.out).toMatch(/^Wrote 1,200 demo rows to .*demo\.xlsx \(\d+\.\d MB, [\d,]+ ms\)$/);
    expect((await said(['demo', '--rows', '0', '--out', file])).err).toMatch(/^--rows 应为 1 到 2,000,000 之间的整数/);
  });
});
