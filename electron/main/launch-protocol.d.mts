export const LAUNCHER_ENV: 'RETENTION_DESK_LAUNCHER';
export const START_FAILED_EXIT_CODE: 75;
export function readyLine(): string;
export function failedLine(reason: string): string;
export function parseLaunchLine(line: string): { type: 'ready' } | { type: 'failed'; reason: string } | null;
export function launchOutcome(o: {
  code: number | null;
  signal: string | null;
  ready: boolean;
  interrupted: boolean;
  failedReason: string | null;
}): { fallBack: string } | { exit: { code: number | null; signal: string | null } };
