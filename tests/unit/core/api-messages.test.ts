import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiFailure, apiError, errorText, failedResult } from '../../../core/api';
import { formatMessage, isMessageCode } from '../../../core/i18n';
import { apiMessagesEn, apiMessagesZh, type ApiMessageCode } from '../../../core/i18n/api-messages';
import { ApiCallError, jobError } from '../../../renderer/src/api/failure';
import { describeError } from '../../../renderer/src/app/errors';
import { translator } from '../../../renderer/src/i18n/catalogue';

const root = path.resolve(__dirname, '../../..');
const catalogueFile = path.join('core', 'i18n', 'api-messages.ts');

/** Every TypeScript source of the app (not tests): where failures are made and shown. */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push({ file: rel, text: fs.readFileSync(path.join(root, rel), 'utf8') });
    }
  };
  for (const dir of ['core', 'electron', 'db', path.join('renderer', 'src')]) walk(dir);
  return out;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const keys = Object.keys(apiMessagesZh) as ApiMessageCode[];

describe('API failure messages', () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(Object.keys(apiMessagesEn).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(placeholders(apiMessagesEn[key]), key).toEqual(placeholders(apiMessagesZh[key]));
  });

  it('every key the code uses is in the catalogue, and every catalogue key is used', () => {
    const files = sources().filter((f) => f.file !== catalogueFile);
    const used = new Set<string>();
    for (const { text } of files) for (const m of text.matchAll(/'(api\.[a-z0-9.-]+)'/g)) used.add(m[1]!);
    // The key argument of every failure written out in the code: ApiFailure, apiError, failedResult.
    const literalKeys: string[] = [];
    for (const { text } of files) {
      for (const m of text.matchAll(/(?:new ApiFailure|apiError|failedResult)\(\s*[^,()]+,\s*'([^']+)'/g)) literalKeys.push(m[1]!);
    }
    expect(literalKeys.length).toBeGreaterThan(60);
    expect(literalKeys.filter((k) => !isMessageCode(k))).toEqual([]);
    expect([...used].filter((k) => !isMessageCode(k))).toEqual([]);
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('no failure is written out by hand: { ok: false } comes from failedResult', () => {
    // The CLI passes on a finished job's error as it came (made by the helper in the job's worker).
    const allowed = new Set([path.join('core', 'api', 'errors.ts'), path.join('electron', 'cli', 'command.ts')]);
    const offenders = sources()
      .filter((f) => (f.file.startsWith('electron') || f.file.startsWith(path.join('renderer', 'src', 'api')) || f.file.startsWith(path.join('core', 'api'))) && !allowed.has(f.file))
      .filter((f) => /\{\s*ok:\s*false\s*(as const\s*)?,\s*error\b/.test(f.text))
      .map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it('are worded differently in each language, with their parameters in both', () => {
    for (const key of keys) {
      const params = Object.fromEntries(placeholders(apiMessagesZh[key]).map((p, i) => [p, `P${i}x${p}`]));
      const zh = formatMessage('zh-CN', key, params);
      const en = formatMessage('en', key, params);
      expect(zh, key).not.toBe(en);
      for (const value of Object.values(params)) {
        expect(zh, key).toContain(value);
        expect(en, key).toContain(value);
      }
      expect(zh + en, key).not.toMatch(/\{\w+\}/);
    }
  });

  it('a failure travels as key and parameters, with its English wording as message', () => {
    const failure = new ApiFailure('locked', 'api.locked', { agentId: 'A007', minutes: 15 });
    expect(failure.message).toBe('Too many wrong PINs for A007: try again in 15 min.');
    const error = failure.toApiError();
    expect(error).toEqual({ code: 'locked', messageKey: 'api.locked', params: { agentId: 'A007', minutes: 15 }, message: failure.message });
    expect(errorText('zh-CN', error)).toBe('工号 A007 已被暂时锁定，请 15 分钟后再试。');
    // A key this build does not know shows the backend's words, never the key ("导入失败 api.storage-io").
    expect(errorText('zh-CN', { messageKey: 'api.from-a-newer-backend', params: {}, message: 'Reading the workspace failed.' })).toBe('Reading the workspace failed.');
    expect(failedResult('not-found', 'api.no-task', { taskId: '12' }, { field: 'taskId' })).toEqual({
      ok: false,
      error: { code: 'not-found', messageKey: 'api.no-task', params: { taskId: '12' }, message: 'No task 12.', details: { field: 'taskId' } },
    });
  });

  it('words a wrapped reader problem in the reader language, with its own parameters', () => {
    const error = apiError('too-large', 'api.merge.file-problem', { file: 'a.xlsx', problem: 'file.too-many-sheets', count: 2000, limit: 100 });
    expect(errorText('zh-CN', error)).toBe('a.xlsx：文件有 2,000 个工作表，最多只能有 100 个，可能已损坏或不是正常的表格文件');
    expect(error.message).toMatch(/^a\.xlsx: The file has 2,000 sheets/);
    // A problem that is not a message code is shown as written (zod's words, say).
    expect(formatMessage('en', 'api.invalid-input', { field: 'agentId', problem: 'Too small' })).toBe('agentId: Too small');
  });
});

describe('the renderer words a failure by its key, in the UI language', () => {
  const zh = translator('zh-CN');
  const en = translator('en');

  it('shows the same failure in Chinese or English, never by reading its text', () => {
    const wrongPin = new ApiCallError(apiError('wrong-pin', 'api.wrong-pin'));
    expect(describeError(wrongPin, zh)).toBe('工号或 PIN 不正确。');
    expect(describeError(wrongPin, en)).toBe('Wrong agent id or PIN.');
    // The message text no longer decides anything: a misleading one is ignored.
    const unreachable = new ApiCallError({ ...apiError('internal', 'api.unreachable'), message: 'Missing or wrong secret' });
    expect(describeError(unreachable, zh)).toBe('无法连接后台服务，请确认程序仍在运行。');
    const secret = new ApiCallError({ ...apiError('unauthenticated', 'api.missing-secret'), message: 'backend unreachable' });
    expect(describeError(secret, en)).toMatch(/access key was not accepted/);
    expect(describeError(new ApiCallError(apiError('unauthenticated', 'api.sign-in-first')), en)).toBe(en('error.signedOut'));
  });

  it("says a role refusal in the screen's own sentence, and any other refusal by its own words", () => {
    expect(describeError(new ApiCallError(apiError('forbidden', 'api.needs-role.supervisor')), zh)).toBe(zh('error.forbidden'));
    // A task reassigned while its card was open: "当前账号无权执行此操作" told the agent nothing of what happened.
    expect(describeError(new ApiCallError(apiError('forbidden', 'api.not-your-task')), zh)).toBe('这个任务已分配给其他坐席，不在您的队列里了。');
    expect(describeError(new ApiCallError(apiError('forbidden', 'api.not-your-task')), en)).toBe('This task is assigned to someone else now: it is no longer in your queue.');
  });

  it("words a job's failure by its key too", () => {
    const job = {
      id: 'j1',
      kind: 'model-train',
      state: 'failed' as const,
      phase: 'invalid-input',
      done: 0,
      total: null,
      error: apiError('invalid-input', 'api.train-too-few', { rows: 120, churned: 4 }),
      startedAt: '2026-11-23T03:00:00.000Z',
    };
    expect(describeError(jobError(job), zh)).toBe('标注数据太少（120 行，其中离网 4 行）：至少需要 200 行且两类各 20 行');
    expect(describeError(jobError(job), en)).toMatch(/^Too little labelled history \(120 rows, 4 churned\)/);
  });
});
