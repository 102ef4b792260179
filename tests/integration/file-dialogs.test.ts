import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend';
import type { FileDialogs } from '../../electron/backend/types';
import { tempDir } from '../support/temp';

/**
 * Issue 13 #6: `file-pick` and `file-save` go through dispatch like every other operation — the role check, the
 * input schema, the session's ownership of files — and the desktop shell only supplies the dialogs. Here the
 * dialogs answer as a person would (a chosen path, or cancel): the platform boundary, not our code, is stood in for.
 */
describe('file dialogs through dispatch', () => {
  const tmp = tempDir();
  let backend: Backend;
  let agent: string;
  let supervisor: string;
  const asked: { kind: string; extensions?: string[]; name?: string }[] = [];
  let answer: string | null = null;
  const dialogs: FileDialogs = {
    async pickFile({ extensions }) {
      asked.push({ kind: 'open', extensions });
      return answer;
    },
    async saveFile({ defaultName }) {
      asked.push({ kind: 'save', name: defaultName });
      return answer;
    },
  };

  beforeAll(async () => {
    backend = openBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, dialogs });
    const sign = async (agentId: string) => {
      const r = await backend.dispatchSession(null, 'session-sign-in', { agentId, pin: '123456' });
      if (!r.ok) throw new Error(r.error.message);
      return (r.data as { token: string }).token;
    };
    agent = await sign('A001');
    supervisor = await sign('S001');
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });

  it('needs a session and a valid input, like every operation', async () => {
    const anonymous = await backend.dispatchSession(null, 'file-pick', { extensions: ['xlsx'] });
    expect(!anonymous.ok && anonymous.error.code).toBe('unauthenticated');
    const bad = await backend.dispatchSession(agent, 'file-pick', { extensions: ['../../etc'] });
    expect(!bad.ok && bad.error.code).toBe('invalid-input');
    expect(asked).toEqual([]);
  });

  it('a picked file is registered for the session that picked it; cancel answers null', async () => {
    fs.writeFileSync(tmp.file('list.csv'), '手机号码\n13800138000\n');
    answer = tmp.file('list.csv');
    const picked = await backend.dispatchSession(supervisor, 'file-pick', { title: '导入', extensions: ['csv', 'xlsx'] });
    if (!picked.ok) throw new Error(picked.error.message);
    const token = (picked.data as { token: string; name: string }).token;
    expect(picked.data).toMatchObject({ name: 'list.csv' });
    expect(asked.at(-1)).toEqual({ kind: 'open', extensions: ['csv', 'xlsx'] });
    // The agent cannot use the supervisor's file.
    const theirs = await backend.dispatchSession(agent, 'file-release', { token });
    expect(!theirs.ok && theirs.error.code).toBe('not-found');
    answer = null;
    expect(await backend.dispatchSession(supervisor, 'file-pick', { extensions: [] })).toEqual({ ok: true, data: null });
  });

  it('saving a download copies it where the person chose, once', async () => {
    const exported = await backend.dispatchSession(agent, 'outcome-export', { from: '2026-11-01', to: '2026-11-30' });
    if (!exported.ok) throw new Error(exported.error.message);
    const token = (exported.data as { token: string; name: string }).token;
    answer = tmp.file('saved.xlsx');
    const saved = await backend.dispatchSession(agent, 'file-save', { token });
    expect(saved).toEqual({ ok: true, data: { saved: true } });
    expect(fs.statSync(tmp.file('saved.xlsx')).size).toBeGreaterThan(1000);
    const again = await backend.dispatchSession(agent, 'file-save', { token });
    expect(!again.ok && again.error.code).toBe('not-found');
  });

  it('without a desktop the dialogs are refused with a clear code', async () => {
    const bare = openBackend({ dbPath: tmp.file('ws.sqlite') });
    try {
      const r = await bare.dispatch('file-pick', { extensions: ['xlsx'] });
      expect(!r.ok && r.error.code).toBe('conflict');
    } finally {
      bare.close();
    }
  });
});
