import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../core/api';
import { toApiError } from '../../../electron/backend/failure';

/**
 * SQLite's own failures are said in the user's language with what to do (docs/architecture.md "Errors"): the raw
 * "disk I/O error" showed after another SQLite tool opened a live workspace, and "database or disk is full" as such.
 */
describe('a failure of the workspace file is said in words, with what to do', () => {
  const sqlite = (code: string, message: string) => new Database.SqliteError(message, code);

  it.each([
    ['SQLITE_IOERR_SHORT_READ', 'disk I/O error', 'api.storage-io', '其他程序'],
    ['SQLITE_IOERR', 'disk I/O error', 'api.storage-io', '重新打开'],
    ['SQLITE_FULL', 'database or disk is full', 'api.storage-full', '磁盘空间'],
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'api.storage-corrupt', 'restore'],
    ['SQLITE_NOTADB', 'file is not a database', 'api.storage-corrupt', 'restore'],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'api.storage-readonly', '只读'],
    ['SQLITE_BUSY', 'database is locked', 'api.storage-busy', '稍后'],
  ])('%s', (code, message, key, words) => {
    const error = toApiError(sqlite(code, message));
    expect(error.messageKey).toBe(key);
    expect(error.code).toBe('internal');
    const zh = errorText('zh-CN', error);
    expect(zh).toContain(words);
    expect(zh).not.toContain(message);
    // The engine's own words stay in the details, for whoever reads the log.
    expect(error.params.detail).toBe(`${code}: ${message}`);
  });

  it('any other failure is still the internal error with its text', () => {
    expect(toApiError(new Error('boom'))).toMatchObject({ code: 'internal', messageKey: 'api.internal', params: { detail: 'boom' } });
  });
});
