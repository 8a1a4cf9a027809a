// Splitting a YAML stream into its documents without parsing it: at `---` lines (and after
// `...` lines), as kubectl splits a stream. Cheap, so that documents scrapelint does not need
// are never parsed.

export interface Chunk {
  /** [start, end) offsets of the document's text (the `---` line excluded). */
  start: number;
  end: number;
}

const MARKER = /^(---|\.\.\.)(?=[ \t]|\r?$)/gm;

export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) {
    if (match.index > start || chunks.length > 0) chunks.push({ start, end: match.index });
    if (match[1] === '---') {
      // Content may follow the marker on its line (`--- {a: b}`): it belongs to the new document.
      start = match.index + 3;
    } else {
      const lineEnd = text.indexOf('\n', match.index);
      start = lineEnd < 0 ? text.length : lineEnd + 1;
    }
  }
  chunks.push({ start, end: text.length });
  return chunks.filter((c) => /\S/.test(text.slice(c.start, c.end).replace(/^\s*#.*$/gm, '')));
}

export interface Classification {
  apiVersion: string;
  kind: string;
  /** Offset of the document's first key. */
  contentStart: number;
}

const FIRST_CONTENT = /^([ \t]*)([^\s#])/gm;

// A top-level `name: value` line at the document's indentation; compiled once per indentation.
const FIELD_PATTERNS = new Map<string, RegExp>();

function fieldPattern(indent: string, name: string): RegExp {
  const key = `${indent}\0${name}`;
  let re = FIELD_PATTERNS.get(key);
  if (!re) {
    re = new RegExp(`^${indent}${name}[ \\t]*:[ \\t]*(?:"([^"]*)"|'([^']*)'|([^\\s#'"{}\\[\\]]+))[ \\t]*(?:#.*)?\\r?$`, 'gm');
    FIELD_PATTERNS.set(key, re);
  }
  return re;
}

/**
 * The apiVersion and kind of a block-style document, read from the lines of its top-level
 * mapping; undefined when they cannot be read that way (flow style, JSON, templates): such a
 * document is parsed fully instead.
 */
export function classify(text: string, chunk: Chunk): Classification | undefined {
  FIRST_CONTENT.lastIndex = chunk.start;
  const first = FIRST_CONTENT.exec(text);
  if (!first || first.index >= chunk.end) return undefined;
  const indent = first[1];
  if (first[2] === '{' || first[2] === '[' || first[2] === '-' || first[2] === '%' || first[2] === '!' || first[2] === '&') return undefined;
  const contentStart = first.index + indent.length;
  const field = (name: string): string | undefined => {
    const re = fieldPattern(indent, name);
    re.lastIndex = first.index;
    let found: RegExpExecArray | undefined;
    for (let m = re.exec(text); m && m.index < chunk.end; m = re.exec(text)) {
      if (m.index + m[0].length > chunk.end) continue; // a quoted value running into the next document
      // Twice (a duplicate key): leave it to the parser.
      if (found) return undefined;
      found = m;
    }
    return found && (found[1] ?? found[2] ?? found[3]);
  };
  const apiVersion = field('apiVersion');
  const kind = field('kind');
  if (!apiVersion || !kind || /[{}$%]/.test(apiVersion + kind)) return undefined;
  return { apiVersion, kind, contentStart };
}
