import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDbPath } from './backend/paths';
import { appVersion } from './backend/version';
import { ApiFailure, failedResult } from '../core/api';
import { failed, stdio, usageError, type CliIO, type CliOptions, type Command, type CommandContext } from './cli/command';
import { commands } from './cli/commands';
import { helpZh } from './cli/help-zh';

/**
 * The headless command line (docs/product.md §9): a table of commands (electron/cli/commands.ts), each with its
 * usage; this file parses the arguments, says --help from the table, and runs the one named.
 */
export { commands };

const indent = (text: string, by: number) => text.split('\n').map((l) => ' '.repeat(by) + l).join('\n');

/** --help, from the command table: in Chinese, the desk's language, unless `--lang en` (help-zh.ts). */
export function usageText(locale: 'zh-CN' | 'en' = 'en'): string {
  const zh = locale === 'zh-CN';
  const lines = commands.map((c) => {
    const words = zh ? (helpZh[c.name] ?? c) : c;
    return `  ${c.synopsis}\n${indent(words.summary, 6)}${words.help ? `\n${indent(words.help, 6)}` : ''}`;
  });
  if (zh)
    return `retention-desk ${appVersion}

用法：retention-desk <命令> [选项]

命令：
${lines.join('\n')}

所有命令都可用的选项：
  --db PATH                  工作区数据库（默认：${defaultDbPath()}）
  --json                     以 JSON 输出，便于程序读取
  --lang en                  英文输出、英文文件（默认：中文）
  -h, --help                 本帮助
`;
  return `retention-desk ${appVersion}

Usage: retention-desk <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  --db PATH                  workspace database (default: ${defaultDbPath()})
  --json                     print machine-readable JSON
  --lang en                  English output and files (default: Chinese)
  -h, --help                 this help
`;
}

/** The README's command table, from the same table (tests/unit/electron/cli-table.test.ts keeps them equal). */
export function readmeCommandTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return ['| command | what it does |', '| --- | --- |', ...commands.map((c) => `| \`${c.synopsis}\` | ${cell(c.summary)} |`)].join('\n');
}

/**
 * Node's words for a command line it cannot parse, in the CLI's language: an option not known, or one whose value is
 * missing (`--out` last). Null for anything else, which is printed as Node says it.
 */
function parseProblem(e: unknown): { zh: string; en: string } | null {
  const code = (e as { code?: unknown }).code;
  const message = (e as Error).message;
  const option = /'(--?[^' ]+)/.exec(message)?.[1];
  if (option === undefined) return null;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { zh: `不认识的选项 ${option}`, en: `Unknown option ${option}` };
  if (code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return null;
  if (/does not take an argument/.test(message)) return { zh: `选项 ${option} 后面不写值`, en: `Option ${option} takes no value` };
  return { zh: `选项 ${option} 后面要写它的值`, en: `Option ${option} needs a value after it` };
}

/** `--lang en` among arguments that did not parse (the help then follows it). */
const askedEnglish = (argv: readonly string[]) => argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en'));

export async function runCli(argv: string[], io: CliIO = stdio): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        port: { type: 'string' },
        open: { type: 'boolean', default: false },
        'no-demo': { type: 'boolean', default: false },
        rows: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        labels: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        agent: { type: 'string' },
        password: { type: 'string' },
        lang: { type: 'string' },
        week: { type: 'string' },
        sheet: { type: 'string' },
        list: { type: 'string' },
        type: { type: 'string' },
        due: { type: 'string' },
        period: { type: 'string' },
        'reject-all': { type: 'boolean', default: false },
        problems: { type: 'string' },
        activate: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'other-workspace': { type: 'boolean', default: false },
        kind: { type: 'string' },
        by: { type: 'string' },
        county: { type: 'string' },
        hall: { type: 'string' },
        where: { type: 'string' },
      },
    });
  } catch (e) {
    const locale = askedEnglish(argv) ? 'en' : 'zh-CN';
    const said = parseProblem(e);
    if (said !== null) return usageError({ io, locale }, said);
    io.err(`${(e as Error).message}\n\n${usageText(locale)}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const opt = values as CliOptions & { help: boolean };
  const [name, ...args] = positionals;
  if (opt.help || !name) {
    io.out(usageText(opt.lang === 'en' ? 'en' : 'zh-CN'));
    return name || opt.help ? 0 : 2;
  }
  if (name === 'readme-table') {
    io.out(readmeCommandTable());
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) return usageError({ io, locale: opt.lang === 'en' ? 'en' : 'zh-CN' }, { en: `Unknown command: ${name}`, zh: `没有这个命令：${name}` });
  const c: CommandContext = {
    args,
    opt,
    dbPath: path.resolve(opt.db ?? defaultDbPath()),
    locale: opt.lang === 'en' ? 'en' : 'zh-CN',
    io,
    print: (human, data) => io.out(opt.json ? JSON.stringify(data) : human),
  };
  try {
    return await command.run(c);
  } catch (e) {
    // A failure a command did not answer itself (a job that could not be followed) is still said in the CLI's language.
    if (e instanceof ApiFailure) return failed(c, failedResult(e.code, e.messageKey, e.params, e.details));
    throw e;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
