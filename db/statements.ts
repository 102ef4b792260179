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

/**
 * Drops the named schema objects and returns a function that creates them again from their stored definitions. The
 * caller runs both inside one transaction: other connections keep the schema as it was, and a rollback restores it.
 * One that is there again when the function is called (a savepoint between rolled back, which restored it) is left.
 */
export function suspendSchema(db: Database.Database, type: 'index' | 'trigger', names: readonly string[]): () => void {
  const definition = (name: string) => (db.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').pluck().get(type, name) as string | undefined) ?? null;
  const defs = names.map(definition);
  names.forEach((name, i) => defs[i] && db.exec(`DROP ${type.toUpperCase()} "${name}"`));
  return () => {
    names.forEach((name, i) => defs[i] && definition(name) === null && db.exec(defs[i]!));
  };
}
