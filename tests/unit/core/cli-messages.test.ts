import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliMessagesEn, cliMessagesZh, type CliMessageCode } from '../../../core/i18n/cli-messages';

const root = path.resolve(__dirname, '../../..');

/** The CLI's sources (electron/cli.ts and electron/cli/): where its own lines are said. */
function cliSources(): string[] {
  const dir = path.join(root, 'electron', 'cli');
  return [path.join(root, 'electron', 'cli.ts'), ...fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f))].map((f) => fs.readFileSync(f, 'utf8'));
}

/** The names of `{name}` and `{name|one|other}` alike (English may name a number twice, for its plural). */
const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]!))].sort();
const keys = Object.keys(cliMessagesZh) as CliMessageCode[];

describe("the CLI's own lines (core/i18n/cli-messages.ts)", () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(Object.keys(cliMessagesEn).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(placeholders(cliMessagesEn[key]), key).toEqual(placeholders(cliMessagesZh[key]));
  });

  it('every key is used by the CLI, and every key the CLI names is in the table', () => {
    const used = new Set<string>();
    for (const text of cliSources()) for (const m of text.matchAll(/'(cli\.[A-Za-z0-9.-]+)'/g)) used.add(m[1]!);
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
    expect([...used].filter((k) => !(k in cliMessagesZh))).toEqual([]);
  });

  it('the Chinese table is Chinese', () => {
    // A line a Chinese supervisor reads has Chinese in it, unless it is only a number, a name or a separator.
    const wordless = (s: string) => !/[A-Za-z]{3,}/.test(s.replace(/\{[^}]*\}|--[\w-]+|\.xlsx|retention-desk call model-activate|version|Ctrl\+C|ROC|AUC|URL|KB|MB|ms/g, ''));
    for (const key of keys) expect(wordless(cliMessagesZh[key]), `${key}: ${cliMessagesZh[key]}`).toBe(true);
  });
});
