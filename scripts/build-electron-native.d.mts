import type { BuildInfo } from '../electron/main/native-binding.mjs';

export const DIST_TARGETS: readonly { platform: string; arch: string }[];
export function expectedBuildInfo(projectRoot: string, platform: string, arch: string): BuildInfo;
export function betterSqlite3Dir(projectRoot: string): string;
export function electronNativeMismatch(projectRoot: string, platform: string, arch: string): string | null;
export function buildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export function buildSteps(o: {
  info: BuildInfo;
  hostPlatform: string;
  hostArch: string;
  prebuildInstallBin: string | null;
  nodeGypBin: string | null;
}): { method: string; command: string; args: string[]; timeoutMs: number }[];
export function buildElectronNative(o?: {
  projectRoot?: string;
  platform?: string;
  arch?: string;
  force?: boolean;
  log?: (line: string) => void;
}): { ok: true; dir: string; method: string } | { ok: true; dir: string; upToDate: true } | { ok: false; reason: string };
