import type Database from 'better-sqlite3';

/**
 * Prepared statements cached per connection: preparing costs more than running a point query, and the hall
 * look-up runs a handful of them per keystroke-Enter.
 */
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
