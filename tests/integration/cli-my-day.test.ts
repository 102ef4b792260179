import { describe, expect, it } from 'vitest';
import { demoWorkspaceForCli, runCliOn } from '../support/cli';

/** `my-day` says an agent's day and week in the CLI's language: Chinese, or English with --lang en (it was English only). */
describe('CLI my-day', () => {
  const { db } = demoWorkspaceForCli();
  const run = (args: string[]) => runCliOn(db, args);

  it('the day, the week and the call-backs, in Chinese; in English with --lang en', async () => {
    const zh = await run(['my-day', '--agent', 'A001']);
    expect(zh.err).toBe('');
    expect(zh.code).toBe(0);
    const lines = zh.out.split('\n');
    expect(lines[0]).toMatch(/^A001 · 今日 \d{4}-\d{2}-\d{2} · 本周 \d{4}-W\d{2}$/);
    // Columns as a terminal shows them: a Chinese character is two columns wide.
    expect(lines[1]).toBe(`${' '.repeat(12)}${' '.repeat(5)}今日${' '.repeat(5)}本周`);
    expect(lines[2]).toMatch(/^接触 {8} {0,8}\d+ +\d+( \/ \d+)?$/u);
    expect(lines[3]).toMatch(/^接通次数 {4} +\d+ +\d+/u);
    expect(lines[4]).toMatch(/^成功 {8} +\d+ +\d+/u);
    expect(lines.at(-1)).toMatch(/^预约回访  已到时间 \d+ · 今天稍后 \d+(（最早 \d{2}:\d{2}）)?$/u);
    expect(zh.out).not.toMatch(/today|week|contacts|call-backs/);

    const en = await run(['my-day', '--agent', 'A001', '--lang', 'en']);
    expect(en.code).toBe(0);
    const enLines = en.out.split('\n');
    expect(enLines[0]).toMatch(/^A001 · today \d{4}-\d{2}-\d{2} · week \d{4}-W\d{2}$/);
    expect(enLines[1]).toBe(`${' '.repeat(12)}    today     week`);
    expect(enLines[2]).toMatch(/^contacts {4} +\d+ +\d+/);
    expect(enLines.at(-1)).toMatch(/^call-backs {2}due now \d+ · later today \d+( \(next \d{2}:\d{2}\))?$/);
  });

  it('a missing --agent is said in the CLI language', async () => {
    expect((await run(['my-day'])).err).toMatch(/^my-day 需要 --agent ID/);
    expect((await run(['my-day', '--lang', 'en'])).err).toMatch(/^my-day needs --agent ID/);
  });
});
