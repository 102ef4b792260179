export const BINDING_FILE: 'better_sqlite3.node';
export const BUILD_INFO_FILE: 'build-info.json';
export const BUILD_COMMAND: string;
export interface BuildInfo {
  electron: string;
  abi: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
  method?: string;
  builtAt?: string;
}
export function builderOs(platform: string): string;
export function nativeBuildDir(root: string, platform: string, arch: string): string;
export function bindingDir(o: { isPackaged: boolean; resourcesPath: string; appPath: string; platform: string; arch: string }): string;
export function readBuildInfo(dir: string): BuildInfo | null;
export function bindingMismatch(info: BuildInfo | null, expected: Partial<BuildInfo>, binaryExists: boolean): string | null;
