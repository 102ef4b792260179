import type Database from 'better-sqlite3';
import { latestSchemaVersion, migrations, type Migration } from './migrations';

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This workspace was written by a newer version of Retention Desk (schema ${found}; this version understands up to ${supported}). ` +
        `Update the app before opening it — it has not been changed. / 此工作区由更新版本的维系工作台创建（数据结构 ${found}，本版本最高支持 ${supported}），请先升级软件；工作区未被修改。`,
    );
    this.name = 'SchemaTooNewError';
  }
}

export function currentSchemaVersion(db: Database.Database): number {
  db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies the migrations newer than the database, each in its own transaction, recording each one.
 * A database newer than the code is refused before anything is touched.
 */
export interface MigrateOptions {
  /** See OpenOptions.identityHash (connection.ts): the SQL function `rd_identity_hash` of migration 009. */
  identityHash?: (raw: string) => string | null;
}

export function migrate(
  db: Database.Database,
  upTo: number = latestSchemaVersion,
  list: readonly Migration[] = migrations,
  options: MigrateOptions = {},
): number {
  const current = currentSchemaVersion(db);
  if (current > latestSchemaVersion) throw new SchemaTooNewError(current, latestSchemaVersion);
  const hash = options.identityHash;
  db.function('rd_identity_hash', { deterministic: true, directOnly: true }, (raw: unknown) =>
    hash && (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'bigint') ? hash(String(raw)) : null,
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of list) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return currentSchemaVersion(db);
}
