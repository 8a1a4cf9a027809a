// Inline suppressions, in YAML comments and on the objects themselves:
//   # scrapelint-disable-next-line rule-a, rule-b -- reason   the next line (comments skipped)
//   key: value # scrapelint-disable-line rule-a -- reason      this line
//   # scrapelint-disable rule-a -- reason                       the rest of this YAML document
//   metadata.annotations["scrapelint.dev/ignore"]: "rule-a,rule-b"   the whole object
// Without rule ids a directive suppresses every rule. A directive (or one of its ids) that
// suppresses nothing is reported as unused-suppression, so stale ones do not pile up.
import { Lexer } from 'yaml';
import { isObject, type ManifestObject } from '../k8s/objects.js';
import { locate } from '../yaml/nodes.js';
import type { SourceText } from '../yaml/source.js';
import type { Finding } from './finding.js';
import { closest } from '../ruleset/functions/nearest.js';

export const IGNORE_ANNOTATION = 'scrapelint.dev/ignore';

interface Directive {
  form: 'disable-next-line' | 'disable-line' | 'disable' | 'annotation';
  /** Rule ids; empty for every rule. */
  rules: string[];
  /** Where the directive is written (for unused-suppression). */
  range: [number, number];
  /** What it covers: lines [from, to] (1-based). */
  lines: [number, number];
  used: Set<string>;
  usedAtAll: boolean;
}

function parseIds(text: string): string[] {
  const [ids] = text.split(/\s--(\s|$)/);
  return ids
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The comments of a YAML text, with their offsets (the lexer knows a comment from a `#` in a string). */
function comments(text: string): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer's markers of document, flow error and scalar starts are not source text.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (token.startsWith('#')) out.push({ offset, text: token });
    offset += token.length;
  }
  return out;
}

const DIRECTIVE = /^#\s*scrapelint-(disable-next-line|disable-line|disable)(?![\w-])(.*)$/;

/** The directives written in a file's comments. `documentEnds` are the offsets where its YAML documents end. */
function commentDirectives(source: SourceText, documentEnds: readonly number[]): Directive[] {
  if (!source.text.includes('scrapelint-disable')) return [];
  const out: Directive[] = [];
  // The first line from each line on that is neither blank nor a comment, filled in as found, so
  // that a run of directive comments is walked once.
  const codeFrom = new Map<number, number>();
  const nextCode = (from: number): number => {
    const walked: number[] = [];
    let next = from;
    while (next <= source.lineCount && !codeFrom.has(next) && /^\s*(#.*)?$/.test(source.lineText(next))) walked.push(next++);
    const found = codeFrom.get(next) ?? next;
    for (const line of walked) codeFrom.set(line, found);
    return found;
  };
  for (const comment of comments(source.text)) {
    const match = DIRECTIVE.exec(comment.text.trimEnd());
    if (!match) continue;
    const start = comment.offset;
    const line = source.position(start).line;
    const form = match[1] as Directive['form'];
    let lines: [number, number];
    if (form === 'disable-line') lines = [line, line];
    else if (form === 'disable-next-line') {
      const next = nextCode(line + 1);
      lines = [next, next];
    } else {
      const end = firstAbove(documentEnds, start) ?? source.text.length;
      lines = [line, source.position(Math.max(start, end - 1)).line];
    }
    out.push({ form, rules: parseIds(match[2]), range: [start, start + comment.text.trimEnd().length], lines, used: new Set(), usedAtAll: false });
  }
  return out;
}

/** The first of ascending `values` above `x`. */
function firstAbove(values: readonly number[], x: number): number | undefined {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return values[lo];
}

/** Whether `x` lies in one of the ascending, disjoint spans [from, to). */
function inSpans(spans: readonly [number, number][], x: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid][0] <= x) lo = mid;
    else hi = mid - 1;
  }
  const span = spans[lo];
  return span !== undefined && span[0] <= x && x < span[1];
}

/**
 * For each finding, the directives that cover it: a sweep over the lines of each file, with the
 * directives in force at a line kept in a list that drops those that ended, so the cost follows
 * the findings and the directives, not their product.
 */
function coveringDirectives(findings: readonly Finding[], directives: ReadonlyMap<string, Directive[]>): Directive[][] {
  const hits: Directive[][] = findings.map(() => []);
  const byFile = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (!directives.has(f.file)) return;
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(i);
  });
  for (const [file, indices] of byFile) {
    const list = [...directives.get(file)!].sort((a, b) => a.lines[0] - b.lines[0]);
    indices.sort((a, b) => findings[a].line - findings[b].line || a - b);
    let active: Directive[] = [];
    let next = 0;
    for (const i of indices) {
      const { line, ruleId } = findings[i];
      while (next < list.length && list[next].lines[0] <= line) active.push(list[next++]);
      active = active.filter((d) => d.lines[1] >= line);
      for (const d of active) if (d.rules.length === 0 || d.rules.includes(ruleId)) hits[i].push(d);
    }
  }
  return hits;
}

/** The `scrapelint.dev/ignore` annotations of a file's objects. */
function annotationDirectives(source: SourceText, objects: readonly ManifestObject[]): Directive[] {
  const out: Directive[] = [];
  for (const object of objects) {
    const metadata = object.value.metadata;
    const annotations = isObject(metadata) && isObject(metadata.annotations) ? metadata.annotations : undefined;
    const value = annotations?.[IGNORE_ANNOTATION];
    if (typeof value !== 'string') continue;
    const root = object.root; // parsed on demand for objects read without positions: only now
    if (!root?.range) continue;
    const node = locate(root, ['metadata', 'annotations', IGNORE_ANNOTATION])?.node;
    const range: [number, number] = node?.range ? [node.range[0], node.range[1]] : [root.range[0], root.range[0] + 1];
    const lines: [number, number] = [source.position(root.range[0]).line, source.position(Math.max(root.range[0], root.range[1] - 1)).line];
    out.push({ form: 'annotation', rules: parseIds(value), range, lines, used: new Set(), usedAtAll: false });
  }
  return out;
}

export interface FileSuppressionInput {
  source: SourceText;
  documentEnds: readonly number[];
  /** The file's linted (monitoring.coreos.com) objects. */
  objects: readonly ManifestObject[];
  /** Offsets of the documents that hold them: directives elsewhere are not judged (non-Kubernetes YAML). */
  lintedDocuments: readonly [number, number][];
}

/**
 * The findings that stay, and unused-suppression findings for the directives that suppressed
 * nothing (made by `unused`, which returns undefined when that rule is off for the file).
 */
export function applySuppressions(
  findings: readonly Finding[],
  files: ReadonlyMap<string, FileSuppressionInput>,
  unused: (source: SourceText, range: [number, number], message: string) => Finding | undefined,
  ruleIds: readonly string[] = [],
): { kept: Finding[]; suppressed: number; unused: Finding[] } {
  const directives = new Map<string, Directive[]>();
  for (const [file, input] of files) {
    const list = [...commentDirectives(input.source, input.documentEnds), ...annotationDirectives(input.source, input.objects)];
    if (list.length > 0) directives.set(file, list);
  }
  const kept: Finding[] = [];
  let suppressed = 0;
  const hits = coveringDirectives(findings, directives);
  findings.forEach((finding, i) => {
    const hit = hits[i];
    if (hit.length === 0) {
      kept.push(finding);
      return;
    }
    suppressed++;
    for (const d of hit) {
      d.usedAtAll = true;
      d.used.add(finding.ruleId);
    }
  });
  const unusedFindings: Finding[] = [];
  for (const [file, list] of directives) {
    const { source, lintedDocuments } = files.get(file)!;
    for (const d of list) {
      // In YAML that is not a monitoring object (a Helm values file, a Service), nothing could be suppressed.
      if (!inSpans(lintedDocuments, d.range[0])) continue;
      const written = d.form === 'annotation' ? `the ${IGNORE_ANNOTATION} annotation` : `\`# scrapelint-${d.form}\``;
      let message: string | undefined;
      if (d.rules.length === 0 && !d.usedAtAll) message = `${written} suppresses nothing here: remove it.`;
      const idle = d.rules.filter((id) => !d.used.has(id));
      if (idle.length > 0) {
        message = `${written} suppresses no ${idle.map((id) => `\`${id}\``).join(', ')} finding here: remove ${idle.length === d.rules.length ? 'it' : idle.length === 1 ? 'that id' : 'those ids'}.`;
        const unknown = idle.filter((id) => ruleIds.length > 0 && !ruleIds.includes(id));
        if (unknown.length > 0) {
          const guesses = unknown.map((id) => `\`${id}\` is no rule${closest(id, ruleIds) ? `; did you mean \`${closest(id, ruleIds)}\`?` : ''}`);
          message += ` (${guesses.join('; ')})`;
        }
      }
      if (!message) continue;
      const finding = unused(source, d.range, message);
      if (finding) unusedFindings.push(finding);
    }
  }
  return { kept, suppressed, unused: unusedFindings };
}
