// A file's bytes as the text to lint. Bytes that are not UTF-8 would not survive a rewrite: such
// a file is linted (with replacement characters), never fixed.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeFile(bytes: Buffer): { text: string; notUtf8?: true } {
  try {
    // ignoreBOM keeps a byte-order mark in the text, as the positions expect (yaml/source.ts).
    return { text: strict.decode(bytes) };
  } catch {
    return { text: bytes.toString('utf8'), notUtf8: true };
  }
}
