/**
 * @module The binary cache of the GloVe vectors: one file that loads with a single read and no parsing.
 *
 * Layout (native byte order, guarded by a marker; every section starts on a 4-byte boundary):
 *
 * | bytes          | content                                                                |
 * | -------------- | ---------------------------------------------------------------------- |
 * | 0..8           | magic "NRGLOVE\0"                                                      |
 * | 8..12          | u32 byte-order marker 0x01020304                                       |
 * | 12..16         | u32 format version                                                     |
 * | 16..20         | u32 dimensions                                                         |
 * | 20..24         | u32 word count                                                         |
 * | 24..28         | u32 hash-table slots (a power of two)                                  |
 * | 28..32         | u32 byte length of the words blob                                      |
 * | 32..40         | f64 byte size of the source JSON (a changed package forces conversion) |
 * | 40..44         | u32 checksum of everything after the header                            |
 * | 44..64         | reserved, zero                                                         |
 * | f32[dims]      | common component (unit vector) removed from every passage vector       |
 * | f32[count]     | per-word scale: component = int8 × scale                               |
 * | u32[count + 1] | start of each word in the words blob                                   |
 * | u32[slots]     | open-addressing table of FNV-1a(word) → word index + 1 (0 = empty)     |
 * | i8[count×dims] | quantised vectors, words in frequency order (index = frequency rank)   |
 * | u8[wordsBytes] | the words, UTF-8, concatenated                                         |
 */

export const GLOVE_MAGIC = 'NRGLOVE\0';
/** Bump when the layout or the way any section is computed changes; older caches are then rebuilt. */
export const GLOVE_FORMAT_VERSION = 1;
const BYTE_ORDER_MARKER = 0x01020304;
const HEADER_BYTES = 64;

export interface GloveTables {
  dimensions: number;
  count: number;
  sourceBytes: number;
  commonComponent: Float32Array;
  scales: Float32Array;
  wordOffsets: Uint32Array;
  table: Uint32Array;
  vectors: Int8Array;
  words: Uint8Array;
}

/** FNV-1a over bytes: simple, fast in JS with Math.imul, and good enough spread for a half-full table. */
export function fnv1a(bytes: Uint8Array, length = bytes.length): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < length; position++) {
    hash = Math.imul(hash ^ (bytes[position] as number), 0x01000193);
  }
  return hash >>> 0;
}

function align4(bytes: number): number {
  return (bytes + 3) & ~3;
}

function sectionSizes(dimensions: number, count: number, slots: number, wordsBytes: number): number[] {
  return [dimensions * 4, count * 4, (count + 1) * 4, slots * 4, align4(count * dimensions), align4(wordsBytes)];
}

/** A checksum over 32-bit words (the body is padded to a multiple of 4), so a flipped byte anywhere is noticed. */
function checksum(body: Uint32Array): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < body.length; position++) {
    hash = Math.imul(hash ^ (body[position] as number), 0x01000193);
  }
  return hash >>> 0;
}

export function encodeGloveFile(tables: GloveTables): Buffer {
  const { dimensions, count } = tables;
  const sizes = sectionSizes(dimensions, count, tables.table.length, tables.words.length);
  const total = HEADER_BYTES + sizes.reduce((sum, size) => sum + size, 0);
  const buffer = Buffer.alloc(total);
  const sections = [tables.commonComponent, tables.scales, tables.wordOffsets, tables.table, tables.vectors, tables.words];
  let offset = HEADER_BYTES;
  sections.forEach((section, position) => {
    buffer.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), offset);
    offset += sizes[position] as number;
  });
  buffer.write(GLOVE_MAGIC, 0, 'latin1');
  const header = new Uint32Array(buffer.buffer, buffer.byteOffset, HEADER_BYTES / 4);
  header.set([BYTE_ORDER_MARKER, GLOVE_FORMAT_VERSION, dimensions, count, tables.table.length, tables.words.length], 2);
  new Float64Array(buffer.buffer, buffer.byteOffset + 32, 1)[0] = tables.sourceBytes;
  header[10] = checksum(new Uint32Array(buffer.buffer, buffer.byteOffset + HEADER_BYTES, (total - HEADER_BYTES) / 4));
  return buffer;
}

/** Reads a cache file's tables as views over `buffer` (no copy), or says what is wrong with it. */
export function decodeGloveFile(buffer: Buffer): GloveTables | { problem: string } {
  if (buffer.length < HEADER_BYTES) return { problem: `it is ${buffer.length} bytes, shorter than its header` };
  if (buffer.toString('latin1', 0, 8) !== GLOVE_MAGIC) return { problem: 'it does not start with the expected magic bytes' };
  // Typed-array views need aligned offsets; a Buffer from the small-allocation pool may not be.
  const aligned = buffer.byteOffset % 8 === 0 ? buffer : Buffer.from(new Uint8Array(buffer).buffer);
  const header = new Uint32Array(aligned.buffer, aligned.byteOffset, HEADER_BYTES / 4);
  if (header[2] !== BYTE_ORDER_MARKER) return { problem: 'it was written on a machine with another byte order' };
  if (header[3] !== GLOVE_FORMAT_VERSION) return { problem: `it has format version ${header[3]}, not ${GLOVE_FORMAT_VERSION}` };
  const [dimensions, count, slots, wordsBytes, storedChecksum] = [header[4], header[5], header[6], header[7], header[10]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (dimensions === 0 || count === 0 || slots < count || (slots & (slots - 1)) !== 0) return { problem: 'its header is inconsistent' };
  const sizes = sectionSizes(dimensions, count, slots, wordsBytes);
  const expected = HEADER_BYTES + sizes.reduce((sum, size) => sum + size, 0);
  if (aligned.length !== expected) return { problem: `it is ${aligned.length} bytes but its header implies ${expected} (truncated?)` };
  if (checksum(new Uint32Array(aligned.buffer, aligned.byteOffset + HEADER_BYTES, (expected - HEADER_BYTES) / 4)) !== storedChecksum) {
    return { problem: 'its checksum does not match (the file is damaged)' };
  }
  let offset = aligned.byteOffset + HEADER_BYTES;
  const next = (position: number): number => {
    const start = offset;
    offset += sizes[position] as number;
    return start;
  };
  const source = aligned.buffer;
  return {
    dimensions,
    count,
    sourceBytes: new Float64Array(source, aligned.byteOffset + 32, 1)[0] as number,
    commonComponent: new Float32Array(source, next(0), dimensions),
    scales: new Float32Array(source, next(1), count),
    wordOffsets: new Uint32Array(source, next(2), count + 1),
    table: new Uint32Array(source, next(3), slots),
    vectors: new Int8Array(source, next(4), count * dimensions),
    words: new Uint8Array(source, next(5), wordsBytes),
  };
}
