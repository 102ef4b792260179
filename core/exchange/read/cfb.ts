/**
 * SheetJS's CFB container reader: compound files (xls, encrypted OOXML), and zips too — the plain-xlsx reader
 * and the pre-parse checks unpack with it, as SheetJS itself does.
 */
import * as XLSX from 'xlsx';

export interface CfbContainer {
  FullPaths: string[];
}
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'buffer' | 'array' }): CfbContainer;
  find(container: CfbContainer, path: string): { content?: ArrayLike<number> } | null;
}
export const cfbApi = XLSX.CFB as CfbApi;

/** The names of a compound file's streams, or null when its directory cannot be read. */
export function cfbStreamNames(b: Uint8Array): string[] | null {
  try {
    const c = cfbApi.read(b, { type: 'array' });
    return c.FullPaths.map((p) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch {
    return null;
  }
}
