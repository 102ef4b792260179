import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from './backend';
import { localDate } from './backend/context';
import { defaultDbPath } from './backend/paths';
import { appVersion } from './backend/version';
import { startHttpServer } from './http';
import { openInBrowser } from './open-browser';
import { demoWorkListSheet } from '../core/demo/workbook';
import { writeWorkbook } from '../core/exchange/write';

/**
 * The headless command line (PRODUCT §9): the same backend operations for supervisors' routines and the
 * central side. Every command takes --db PATH and --json.
 */
const usage = `retention-desk ${appVersion}

Usage: retention-desk <command> [options]

Commands:
  serve                      run browser mode on 127.0.0.1 and print its address
      --port N               port to listen on (default: any free port)
      --open                 open the address in the default browser when a display exists
  demo --rows N --out FILE   write a generated demo work-list workbook (.xlsx or .csv)
      --seed N               seed (default 1); the same seed gives the same file
      --labels               include the churned / churn-date label columns (training history)
  info                       what the workspace holds
  call OPERATION [JSON]      run one contract operation with a JSON input and print its JSON answer

Options for every command:
  --db PATH                  workspace database (default: ${defaultDbPath()})
  --json                     print machine-readable JSON
  -h, --help                 this help
`;

interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

const stdio: CliIO = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };

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
        rows: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        labels: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values: opt, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (opt.help || !command) {
    io.out(usage);
    return command || opt.help ? 0 : 2;
  }
  const dbPath = path.resolve(opt.db ?? defaultDbPath());
  const print = (human: string, data: unknown) => io.out(opt.json ? JSON.stringify(data) : human);

  switch (command) {
    case 'serve': {
      const port = opt.port === undefined ? 0 : Number(opt.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(io, `--port must be a port number, got ${opt.port}`);
      const backend = openBackend({ dbPath, demoIfEmpty: true });
      const server = await startHttpServer({ backend, port, staticDir: path.join(__dirname, '..', 'renderer') });
      print(`Retention Desk (browser mode): ${server.openUrl}\nWorkspace: ${dbPath}\nPress Ctrl+C to stop.`, {
        url: server.openUrl,
        port: server.port,
        db: dbPath,
      });
      if (opt.open) openInBrowser(server.openUrl);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      backend.close();
      return 0;
    }
    case 'demo': {
      const rows = Number(opt.rows ?? '3000');
      if (!Number.isInteger(rows) || rows < 1 || rows > 2_000_000) return usageError(io, '--rows must be a whole number from 1 to 2,000,000');
      if (!opt.out) return usageError(io, 'demo needs --out FILE (.xlsx or .csv)');
      const out = path.resolve(opt.out);
      const ext = path.extname(out).toLowerCase();
      if (ext !== '.xlsx' && ext !== '.csv') return usageError(io, '--out must end in .xlsx or .csv');
      const seed = Number(opt.seed ?? '1');
      const started = Date.now();
      const sheet = demoWorkListSheet({ seed, count: rows, today: localDate(new Date()), withLabels: opt.labels });
      const bytes = writeWorkbook([{ name: '任务工作清单', ...sheet }], ext === '.csv' ? 'csv' : 'xlsx');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, bytes);
      print(`Wrote ${rows} demo rows to ${out} (${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${Date.now() - started} ms)`, {
        rows,
        out,
        bytes: bytes.length,
        ms: Date.now() - started,
      });
      return 0;
    }
    case 'info':
    case 'call': {
      const [op, json] = command === 'info' ? ['app-info', '{}'] : rest;
      if (!op) return usageError(io, 'call needs an operation name');
      let input: unknown = {};
      try {
        input = json ? JSON.parse(json) : {};
      } catch {
        return usageError(io, 'the input must be JSON, e.g. \'{"msisdn":"13800138000"}\'');
      }
      const backend = openBackend({ dbPath });
      try {
        const result = await backend.dispatch(op, input);
        if (!result.ok) {
          io.err(opt.json ? JSON.stringify(result) : `${result.error.code}: ${result.error.message}`);
          return 1;
        }
        io.out(JSON.stringify(result.data, null, opt.json ? undefined : 2));
        return 0;
      } finally {
        backend.close();
      }
    }
    default:
      return usageError(io, `Unknown command: ${command}`);
  }
}

function usageError(io: CliIO, message: string): number {
  io.err(`${message}\n\nRun "retention-desk --help" for the commands.`);
  return 2;
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
