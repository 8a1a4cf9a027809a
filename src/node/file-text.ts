// A file's bytes as the text to lint, decoded as kubectl decodes a manifest: UTF-8, or UTF-16
// (little- or big-endian) when the file starts with that byte-order mark. The mark is kept in the
// text as U+FEFF, as the positions expect (yaml/source.ts), so findings' lines and columns are
// those of the decoded text. Only UTF-8 survives a rewrite byte for byte: a UTF-16 file, or bytes
// that are not valid UTF-8 (linted with replacement characters), are linted, never fixed.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function decodeFile(bytes: Buffer): { text: string; notUtf8?: true; encoding?: Encoding } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding: Encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: decodeUtf16(bytes, encoding === 'utf-16be'), notUtf8: true, encoding };
  }
  try {
    // ignoreBOM keeps a byte-order mark in the text, as the positions expect (yaml/source.ts).
    return { text: utf8.decode(bytes) };
  } catch {
    return { text: bytes.toString('utf8'), notUtf8: true };
  }
}

/** UTF-16 with its mark kept; unpaired surrogates or an odd last byte become U+FFFD. */
function decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
  let units = bytes;
  if (bigEndian) {
    units = Buffer.alloc(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      units[i] = bytes[i + 1];
      units[i + 1] = bytes[i];
    }
    if (bytes.length % 2 === 1) units[bytes.length - 1] = bytes[bytes.length - 1];
  }
  try {
    return utf16le.decode(units);
  } catch {
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(units);
  }
}
