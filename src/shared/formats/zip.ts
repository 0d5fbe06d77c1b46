/**
 * A ZIP archive of text files, for multi-file exports (brat, CoNLL, CSV, GraphML) downloaded in
 * the browser, which can save one file per click but not a folder.
 *
 * Why ZIP rather than tar: a researcher opens a .zip by double-clicking it in Windows Explorer or
 * macOS Finder, and reads it with Python's `zipfile` and R's `unzip()` from their standard
 * libraries; Windows users without a shell have no tar. Entries are STORED (not compressed), which
 * keeps the writer small and pure: PKWARE APPNOTE 6.3.x local headers, central directory, end
 * record, CRC-32, names flagged as UTF-8 (general purpose bit 11). More than 65,535 entries get
 * the ZIP64 end records, which Python, R, Info-ZIP, Windows and macOS all read; an archive of
 * 4 GiB or more is refused (it would need ZIP64 sizes in every entry, and no browser tab holds it).
 *
 * Every entry lives under one top-level folder, so extracting never scatters files into the
 * folder the archive sits in.
 */
import { WorkbenchError } from '../api';

export interface ZipEntry {
  /** Relative, `/`-separated path inside the top-level folder. */
  path: string;
  content: string;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const UTF8_NAMES = 0x0800;
/** Version 2.0 (what stored entries need); 4.5 for the ZIP64 end record. */
const VERSION = 20;
const VERSION_ZIP64 = 45;
/** "Made by" Unix (3), so that unzip gives files mode 0644 instead of guessing. */
const MADE_BY_UNIX = (3 << 8) | VERSION;
const FILE_MODE = 0o100644;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;

/**
 * The archive's bytes. `time` becomes every entry's modification time (UTC fields, so the same
 * export gives the same bytes on every machine).
 */
export function zipArchive(
  folder: string,
  entries: readonly ZipEntry[],
  time: Date,
): Uint8Array<ArrayBuffer> {
  checkName(folder);
  const seen = new Set<string>();
  const files = entries.map((entry) => {
    checkName(entry.path);
    const name = `${folder}/${entry.path}`;
    if (seen.has(name)) {
      throw new WorkbenchError('invalid_argument', `The archive would hold "${name}" twice.`);
    }
    seen.add(name);
    const data = utf8(entry.content);
    return { name: utf8(name), data, crc: crc32(data) };
  });
  const { dosTime, dosDate } = dosDateTime(time);

  let localSize = 0;
  let centralSize = 0;
  for (const f of files) {
    localSize += 30 + f.name.length + f.data.length;
    centralSize += 46 + f.name.length;
  }
  const zip64 = files.length > MAX_16;
  const endSize = 22 + (zip64 ? 56 + 20 : 0);
  const total = localSize + centralSize + endSize;
  if (localSize + centralSize >= MAX_32) {
    throw new WorkbenchError(
      'invalid_argument',
      `The archive would be ${Math.ceil(total / 2 ** 30)} GiB, more than a ZIP without ZIP64 sizes holds: export a part of the documents, or use the command line, which writes a folder.`,
    );
  }

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const u64 = (v: number) => {
    view.setBigUint64(at, BigInt(v), true);
    at += 8;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };

  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    u32(LOCAL_HEADER);
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0); // stored
    u16(dosTime);
    u16(dosDate);
    u32(f.crc);
    u32(f.data.length);
    u32(f.data.length);
    u16(f.name.length);
    u16(0);
    bytes(f.name);
    bytes(f.data);
  }
  const centralStart = at;
  files.forEach((f, i) => {
    u32(CENTRAL_HEADER);
    u16(MADE_BY_UNIX);
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0);
    u16(dosTime);
    u16(dosDate);
    u32(f.crc);
    u32(f.data.length);
    u32(f.data.length);
    u16(f.name.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32((FILE_MODE << 16) >>> 0);
    u32(offsets[i]!);
    bytes(f.name);
  });
  const centralEnd = at;
  if (zip64) {
    u32(ZIP64_END_OF_CENTRAL_DIRECTORY);
    u64(44); // size of the rest of this record
    u16(MADE_BY_UNIX);
    u16(VERSION_ZIP64);
    u32(0);
    u32(0);
    u64(files.length);
    u64(files.length);
    u64(centralEnd - centralStart);
    u64(centralStart);
    u32(ZIP64_LOCATOR);
    u32(0);
    u64(centralEnd);
    u32(1);
  }
  u32(END_OF_CENTRAL_DIRECTORY);
  u16(0);
  u16(0);
  u16(Math.min(files.length, MAX_16));
  u16(Math.min(files.length, MAX_16));
  u32(centralEnd - centralStart);
  u32(centralStart);
  u16(0);
  return out;
}

/** A relative path of named segments: what every export file path is, checked anyway. */
function checkName(path: string): void {
  const segments = path.split('/');
  if (
    path === '' ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))
  ) {
    throw new WorkbenchError(
      'invalid_argument',
      `"${path}" cannot be a path in the archive: use relative, "/"-separated names without "." or "..".`,
    );
  }
}

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 0x3f);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, n);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, the one ZIP and gzip use). */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS time and date fields (2-second resolution, years 1980–2107), from UTC. */
function dosDateTime(time: Date): { dosTime: number; dosDate: number } {
  const year = Math.min(Math.max(time.getUTCFullYear(), 1980), 2107);
  return {
    dosTime: (time.getUTCHours() << 11) | (time.getUTCMinutes() << 5) | (time.getUTCSeconds() >> 1),
    dosDate: ((year - 1980) << 9) | ((time.getUTCMonth() + 1) << 5) | time.getUTCDate(),
  };
}
