import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { tempDir } from '../support/temp';

/** The CLI says a failure with its code and its message in the CLI's language: Chinese, or English with --lang en. */
describe('CLI failures', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...args, '--db', tmp.file('ws.sqlite')], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('words a refused call in Chinese by default and in English with --lang en', async () => {
    const zh = await run(['call', 'job-get', '{"jobId":"00000000-0000-4000-8000-000000000000"}']);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe('not-found: 没有这个任务。');
    const en = await run(['call', 'job-get', '{"jobId":"00000000-0000-4000-8000-000000000000"}', '--lang', 'en']);
    expect(en.err).toBe('not-found: No such job.');
  });

  it('gives the key and parameters with --json, for a script', async () => {
    const r = await run(['call', 'worklist-close', '{"listId":424242}', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err)).toMatchObject({ ok: false, error: { code: 'not-found', messageKey: 'api.no-list', params: { listId: '424242' } } });
  });

  it('words a refused restore in the CLI language too', async () => {
    const missing = tmp.file('no-backup.sqlite');
    expect((await run(['restore', missing])).err).toBe(`not-found: 没有这个文件：${missing}`);
    expect((await run(['restore', missing, '--lang', 'en'])).err).toBe(`not-found: No such file: ${missing}`);
  });
});
