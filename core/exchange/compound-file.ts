/**
 * A minimal compound-file (OLE2, [MS-CFB]) writer, version 3 (512-byte sectors), for one purpose: the container of
 * a password-protected workbook ([MS-OFFCRYPTO] §2.3.4.1). We write it ourselves rather than with SheetJS's CFB
 * library because that library always adds a stream of its own ("\u0001Sh33tJ5"), which has no place in an
 * encrypted Office file (issue 18 #9), and because the container must carry exactly the storages the spec names.
 *
 * What it writes: the header with its first 109 FAT locations, DIFAT sectors past that (files over ~7 MB), the
 * FAT, the directory (each storage's children as a balanced red-black tree, compared by name length and then by
 * upper-cased name, as §2.6.4 orders them), streams under 4,096 bytes in the mini stream (64-byte mini sectors,
 * with the mini FAT), and larger streams in sectors of their own. Timestamps and CLSIDs are zero.
 */

export interface CompoundEntry {
  /** The path below the root, e.g. ['\u0006DataSpaces', 'Version']; storages on the way are created. */
  path: readonly string[];
  data: Uint8Array;
}

const SECTOR = 512;
const MINI_SECTOR = 64;
const MINI_CUTOFF = 4096;
const ENTRIES_PER_SECTOR = SECTOR / 4;
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const DIFSECT = 0xfffffffc;
const NOSTREAM = 0xffffffff;
const HEADER_DIFAT = 109;

interface DirNode {
  name: string;
  type: 1 | 2 | 5; // storage, stream, root
  children: DirNode[];
  data?: Uint8Array;
  id?: number;
  left?: number;
  right?: number;
  child?: number;
  red?: boolean;
  start?: number;
}

/** §2.6.4: shorter names first, then by the upper-cased UTF-16 code units. */
function compareNames(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const ua = a.toUpperCase(), ub = b.toUpperCase();
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function buildTree(entries: readonly CompoundEntry[]): DirNode {
  const root: DirNode = { name: 'Root Entry', type: 5, children: [] };
  for (const e of entries) {
    if (e.path.length === 0) throw new Error('a compound-file entry needs a name');
    let at = root;
    e.path.forEach((name, i) => {
      if (name.length === 0 || name.length > 31 || /[/\\:!]/u.test(name)) throw new Error(`bad compound-file name "${name}"`);
      const last = i === e.path.length - 1;
      let next = at.children.find((c) => compareNames(c.name, name) === 0);
      if (next && (last || next.type !== 1)) throw new Error(`"${e.path.join('/')}" is given twice or under a stream`);
      if (!next) {
        next = last ? { name, type: 2, children: [], data: e.data } : { name, type: 1, children: [] };
        at.children.push(next);
      }
      at = next;
    });
  }
  return root;
}

/**
 * Ids in directory order (root first, then breadth-first), and each storage's children as a balanced binary
 * search tree: a node's left sibling sorts before it, its right after. The deepest level of a tree that is not
 * full is red, the rest black, so every path has as many black nodes and no red node has a red child.
 */
function layoutDirectory(root: DirNode): DirNode[] {
  const order: DirNode[] = [];
  const queue = [root];
  while (queue.length) {
    const n = queue.shift()!;
    n.id = order.length;
    order.push(n);
    n.children.sort((a, b) => compareNames(a.name, b.name));
    queue.push(...n.children);
  }
  for (const n of order) {
    const kids = n.children;
    if (kids.length === 0) continue;
    const depthOf = new Map<DirNode, number>();
    const place = (lo: number, hi: number, depth: number): number => {
      if (lo > hi) return NOSTREAM;
      const mid = (lo + hi) >> 1;
      const node = kids[mid]!;
      depthOf.set(node, depth);
      node.left = place(lo, mid - 1, depth + 1);
      node.right = place(mid + 1, hi, depth + 1);
      return node.id!;
    };
    n.child = place(0, kids.length - 1, 0);
    const deepest = Math.max(...depthOf.values());
    const full = kids.length === 2 ** (deepest + 1) - 1;
    for (const k of kids) k.red = !full && depthOf.get(k) === deepest;
  }
  return order;
}

export function writeCompoundFile(entries: readonly CompoundEntry[]): Uint8Array {
  const dir = layoutDirectory(buildTree(entries));
  const streams = dir.filter((n) => n.type === 2);
  const small = streams.filter((s) => s.data!.length < MINI_CUTOFF);
  const large = streams.filter((s) => s.data!.length >= MINI_CUTOFF);

  // Mini stream: each small stream in whole 64-byte mini sectors.
  const miniSectors = small.reduce((n, s) => n + Math.ceil(s.data!.length / MINI_SECTOR), 0);
  const miniStreamBytes = miniSectors * MINI_SECTOR;
  const miniFatSectors = Math.ceil(miniSectors / ENTRIES_PER_SECTOR);

  const sectorsOf = (bytes: number) => Math.ceil(bytes / SECTOR);
  const dirSectors = sectorsOf(dir.length * 128);
  const miniStreamSectors = sectorsOf(miniStreamBytes);
  const largeSectors = large.reduce((n, s) => n + sectorsOf(s.data!.length), 0);
  const content = dirSectors + miniFatSectors + miniStreamSectors + largeSectors;

  // The FAT must also count its own sectors and the DIFAT's: settle the three counts together.
  let fat = 0, difat = 0;
  for (;;) {
    const nextFat = Math.ceil((content + fat + difat) / ENTRIES_PER_SECTOR);
    const nextDifat = nextFat > HEADER_DIFAT ? Math.ceil((nextFat - HEADER_DIFAT) / (ENTRIES_PER_SECTOR - 1)) : 0;
    if (nextFat === fat && nextDifat === difat) break;
    fat = nextFat;
    difat = nextDifat;
  }
  const total = fat + difat + content;
  const out = new Uint8Array(SECTOR * (1 + total));
  const view = new DataView(out.buffer);
  const sectorOffset = (i: number) => SECTOR * (i + 1);

  // Where each part goes.
  let next = 0;
  const fatStart = next; next += fat;
  const difatStart = next; next += difat;
  const dirStart = next; next += dirSectors;
  const miniFatStart = next; next += miniFatSectors;
  const miniStreamStart = next; next += miniStreamSectors;

  const fatTable = new Uint32Array(fat * ENTRIES_PER_SECTOR).fill(FREESECT);
  const chain = (start: number, count: number) => {
    for (let i = 0; i < count; i++) fatTable[start + i] = i === count - 1 ? ENDOFCHAIN : start + i + 1;
  };
  for (let i = 0; i < fat; i++) fatTable[fatStart + i] = FATSECT;
  for (let i = 0; i < difat; i++) fatTable[difatStart + i] = DIFSECT;
  chain(dirStart, dirSectors);
  chain(miniFatStart, miniFatSectors);
  chain(miniStreamStart, miniStreamSectors);
  for (const s of large) {
    const count = sectorsOf(s.data!.length);
    s.start = next;
    chain(next, count);
    out.set(s.data!, sectorOffset(next));
    next += count;
  }

  // Small streams into the mini stream, with their mini FAT chains.
  const miniFat = new Uint32Array(miniFatSectors * ENTRIES_PER_SECTOR).fill(FREESECT);
  let mini = 0;
  for (const s of small) {
    const count = Math.ceil(s.data!.length / MINI_SECTOR);
    if (count === 0) {
      s.start = ENDOFCHAIN;
      continue;
    }
    s.start = mini;
    for (let i = 0; i < count; i++) miniFat[mini + i] = i === count - 1 ? ENDOFCHAIN : mini + i + 1;
    out.set(s.data!, sectorOffset(miniStreamStart) + mini * MINI_SECTOR);
    mini += count;
  }
  for (let i = 0; i < miniFat.length; i++) view.setUint32(sectorOffset(miniFatStart) + i * 4, miniFat[i]!, true);
  for (let i = 0; i < fatTable.length; i++) view.setUint32(sectorOffset(fatStart) + i * 4, fatTable[i]!, true);

  // Directory.
  const root = dir[0]!;
  root.start = miniSectors > 0 ? miniStreamStart : ENDOFCHAIN;
  for (let i = 0; i < dirSectors * 4; i++) {
    const at = sectorOffset(dirStart) + i * 128;
    const n = dir[i];
    if (!n) {
      view.setUint32(at + 68, NOSTREAM, true);
      view.setUint32(at + 72, NOSTREAM, true);
      view.setUint32(at + 76, NOSTREAM, true);
      continue;
    }
    for (let c = 0; c < n.name.length; c++) view.setUint16(at + c * 2, n.name.charCodeAt(c), true);
    view.setUint16(at + 64, (n.name.length + 1) * 2, true);
    out[at + 66] = n.type;
    out[at + 67] = n.red ? 0 : 1;
    view.setUint32(at + 68, n.left ?? NOSTREAM, true);
    view.setUint32(at + 72, n.right ?? NOSTREAM, true);
    view.setUint32(at + 76, n.child ?? NOSTREAM, true);
    const size = n.type === 5 ? miniStreamBytes : n.type === 2 ? n.data!.length : 0;
    view.setUint32(at + 116, n.type === 1 ? 0 : n.start!, true);
    view.setUint32(at + 120, size, true);
  }

  // DIFAT: the first 109 FAT sectors in the header, the rest in DIFAT sectors of 127 and a link each.
  const fatSectors = Array.from({ length: fat }, (_, i) => fatStart + i);
  for (let d = 0; d < difat; d++) {
    const at = sectorOffset(difatStart + d);
    for (let i = 0; i < ENTRIES_PER_SECTOR - 1; i++) view.setUint32(at + i * 4, fatSectors[HEADER_DIFAT + d * (ENTRIES_PER_SECTOR - 1) + i] ?? FREESECT, true);
    view.setUint32(at + (ENTRIES_PER_SECTOR - 1) * 4, d === difat - 1 ? ENDOFCHAIN : difatStart + d + 1, true);
  }

  // Header.
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  view.setUint16(24, 0x003e, true);
  view.setUint16(26, 0x0003, true);
  view.setUint16(28, 0xfffe, true);
  view.setUint16(30, 9, true);
  view.setUint16(32, 6, true);
  view.setUint32(44, fat, true);
  view.setUint32(48, dirStart, true);
  view.setUint32(56, MINI_CUTOFF, true);
  view.setUint32(60, miniFatSectors > 0 ? miniFatStart : ENDOFCHAIN, true);
  view.setUint32(64, miniFatSectors, true);
  view.setUint32(68, difat > 0 ? difatStart : ENDOFCHAIN, true);
  view.setUint32(72, difat, true);
  for (let i = 0; i < HEADER_DIFAT; i++) view.setUint32(76 + i * 4, fatSectors[i] ?? FREESECT, true);
  return out;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* The container of an encrypted OOXML file ([MS-OFFCRYPTO] §2.3.4.1)                                           */

/** UNICODE-LP-P4 (§2.1.2): the byte length, the UTF-16LE text, padded to a multiple of 4. */
function unicodeLpP4(text: string): number[] {
  const bytes: number[] = [];
  const len = text.length * 2;
  bytes.push(len & 0xff, (len >>> 8) & 0xff, (len >>> 16) & 0xff, len >>> 24);
  for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >>> 8);
  while (bytes.length % 4) bytes.push(0);
  return bytes;
}
const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
/** Version (§2.1.4) 1.0. */
const version10 = (): number[] => [1, 0, 0, 0];

/** \u0006DataSpaces/Version: DataSpaceVersionInfo (§2.1.5). */
function dataSpaceVersionInfo(): Uint8Array {
  return Uint8Array.from([...unicodeLpP4('Microsoft.Container.DataSpaces'), ...version10(), ...version10(), ...version10()]);
}

/** \u0006DataSpaces/DataSpaceMap (§2.1.6): EncryptedPackage is in StrongEncryptionDataSpace. */
function dataSpaceMap(): Uint8Array {
  const entry = [...u32(1), ...u32(0), ...unicodeLpP4('EncryptedPackage'), ...unicodeLpP4('StrongEncryptionDataSpace')];
  return Uint8Array.from([...u32(8), ...u32(1), ...u32(entry.length + 4), ...entry]);
}

/** \u0006DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace: DataSpaceDefinition (§2.1.7). */
function dataSpaceDefinition(): Uint8Array {
  return Uint8Array.from([...u32(8), ...u32(1), ...unicodeLpP4('StrongEncryptionTransform')]);
}

/** \u0006DataSpaces/TransformInfo/StrongEncryptionTransform/\u0006Primary: TransformInfoHeader + EncryptionTransformInfo (§2.1.8, §2.1.9). */
function encryptionTransformInfo(): Uint8Array {
  const id = unicodeLpP4('{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}');
  const header = [...u32(4 + id.length), ...u32(1), ...id];
  return Uint8Array.from([
    ...header,
    ...unicodeLpP4('Microsoft.Container.EncryptionTransform'),
    ...version10(), ...version10(), ...version10(),
    // EncryptionName (empty), EncryptionBlockSize, CipherMode, Reserved — the values Office writes
    ...u32(0), ...u32(0), ...u32(0), ...u32(4),
  ]);
}

/**
 * The compound file of a password-protected workbook: EncryptionInfo, EncryptedPackage and the \u0006DataSpaces
 * storage that says the package is transformed by strong encryption — and nothing else.
 */
export function encryptedPackageContainer(encryptionInfo: Uint8Array, encryptedPackage: Uint8Array): Uint8Array {
  const ds = '\u0006DataSpaces';
  return writeCompoundFile([
    { path: [ds, 'Version'], data: dataSpaceVersionInfo() },
    { path: [ds, 'DataSpaceMap'], data: dataSpaceMap() },
    { path: [ds, 'DataSpaceInfo', 'StrongEncryptionDataSpace'], data: dataSpaceDefinition() },
    { path: [ds, 'TransformInfo', 'StrongEncryptionTransform', '\u0006Primary'], data: encryptionTransformInfo() },
    { path: ['EncryptionInfo'], data: encryptionInfo },
    { path: ['EncryptedPackage'], data: encryptedPackage },
  ]);
}
