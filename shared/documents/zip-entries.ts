import { inflateRawSync } from 'node:zlib';

/**
 * A ZIP archive read from its central directory (the authoritative list; local headers can lie). Enough to tell a
 * Word document from any other ZIP without unpacking it, and to unpack one part within a size bound.
 */
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  method: number;
  compressed_size: number;
  /** As the archive declares it; the reader never trusts it beyond refusing entries that declare too much. */
  declared_size: number;
  local_header_offset: number;
}

function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - END_RECORD_SIZE;
  for (let at = last; at >= Math.max(0, last - MAX_COMMENT); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/** Every entry of the central directory, or null when the archive is damaged. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (offset + size > end) return null;
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) return null;
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressed_size: view.getUint32(at + 20, true),
      declared_size: view.getUint32(at + 24, true),
      local_header_offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function listZipEntries(bytes: Uint8Array): string[] | null {
  return readZipDirectory(bytes)?.map((entry) => entry.name) ?? null;
}

export class ZipEntryTooLargeError extends Error {
  override readonly name = 'ZipEntryTooLargeError';
}

/**
 * The bytes of one entry, expanded to at most `maxBytes`: an entry that declares more is refused before any
 * inflating, and inflating stops at the bound whatever the entry declared. Null when the entry is damaged.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array | null {
  if (entry.declared_size > maxBytes) throw new ZipEntryTooLargeError(`${entry.name} declares ${entry.declared_size} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.local_header_offset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressed_size);
  if (data.byteLength !== entry.compressed_size) return null;
  if (entry.method === STORED) return data.byteLength <= maxBytes ? data : null;
  if (entry.method !== DEFLATED) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError) throw new ZipEntryTooLargeError(`${entry.name} expands beyond ${maxBytes} bytes`);
    return null;
  }
}
