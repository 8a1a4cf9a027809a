// The fuzzer's inputs (issue 13, "never crash"): the project's own manifests (examples/, the
// fixtures, the rule test cases), mutated in ways that reach the YAML reader, the edits and the
// reports: lines deleted, doubled, swapped and re-indented, YAML tokens and control characters
// inserted, byte-order marks and UTF-16, deep nesting, alias bombs, duplicate keys, truncation,
// splices. Deterministic: input `index` of seed `seed` comes from its own seeded PRNG, so any one
// input can be made again without the ones before it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isCollection, parseAllDocuments, parse as parseYaml, visit } from 'yaml';

/** mulberry32: a small, fast PRNG with 32 bits of state; good enough to pick mutations. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** The PRNG seed of one input: seed and index mixed (murmur3's finaliser), so neighbours differ. */
export function inputSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ (index >>> 0)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export interface SeedFile {
  path: string;
  text: string;
}

/** What a mutation starts from: one file, or a folder of files linted together (a kustomize tree). */
export interface SeedCase {
  name: string;
  files: SeedFile[];
}

export interface Corpus {
  cases: SeedCase[];
  /** Scalars seen in the corpus (values of `key: value` lines), to put in other places. */
  scalars: string[];
  /** Rule ids, for suppression comments. */
  ruleIds: string[];
}

const posix = (path: string) => path.split(sep).join('/');

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** A safe relative path from a rule case's `file` (they are all relative; this keeps it so). */
function safePath(file: string | undefined, fallback: string): string {
  if (!file || file.startsWith('/') || file.split('/').includes('..')) return fallback;
  return file;
}

interface RuleCase {
  name?: string;
  manifest?: string;
  file?: string;
  others?: { file: string; manifest: string }[];
}

/**
 * The corpus, from the repository at `root`: each example, each fixture file (the files of an
 * across/ tree together: the folder nearest the top that holds a kustomization.yaml, or the
 * across/<name> folder), and each rule test case with its other files.
 */
export function loadCorpus(root: string): Corpus {
  const cases: SeedCase[] = [];
  for (const name of readdirSync(join(root, 'examples')).sort()) {
    if (/\.(ya?ml|json)$/.test(name)) cases.push({ name: `examples/${name}`, files: [{ path: name, text: readFileSync(join(root, 'examples', name), 'utf8') }] });
  }
  const fixtures = join(root, '__tests__', 'fixtures');
  const trees = new Map<string, SeedFile[]>();
  for (const full of walk(fixtures).filter((f) => /\.(ya?ml|json)$/.test(f))) {
    const rel = posix(relative(fixtures, full));
    const parts = rel.split('/');
    let group: string | undefined;
    if (parts[0] === 'across') {
      group = parts.slice(0, 2).join('/');
      for (let depth = 2; depth < parts.length; depth++) {
        const dir = parts.slice(0, depth).join('/');
        if (existsSync(join(fixtures, dir, 'kustomization.yaml'))) {
          group = dir;
          break;
        }
      }
    }
    const key = group ?? rel;
    const prefix = group ? `${group}/` : rel.slice(0, rel.length - parts[parts.length - 1].length);
    const list = trees.get(key) ?? [];
    list.push({ path: rel.slice(prefix.length), text: readFileSync(full, 'utf8') });
    trees.set(key, list);
  }
  for (const [key, files] of trees) cases.push({ name: `__tests__/fixtures/${key}`, files });
  const ruleIds: string[] = [];
  const rulesDir = join(root, '__tests__', 'rules');
  for (const name of readdirSync(rulesDir).filter((f) => f.endsWith('.yaml')).sort()) {
    ruleIds.push(name.replace(/\.yaml$/, ''));
    const parsed = parseYaml(readFileSync(join(rulesDir, name), 'utf8')) as { valid?: RuleCase[]; invalid?: RuleCase[] };
    const all = [...(parsed.valid ?? []), ...(parsed.invalid ?? [])];
    all.forEach((c, i) => {
      if (typeof c.manifest !== 'string') return;
      const main = safePath(c.file, 'test.yaml');
      const files = [{ path: main, text: c.manifest }];
      for (const other of c.others ?? []) {
        const path = safePath(other.file, `other-${files.length}.yaml`);
        if (!files.some((f) => f.path === path) && typeof other.manifest === 'string') files.push({ path, text: other.manifest });
      }
      cases.push({ name: `__tests__/rules/${name}#${i} ${c.name ?? ''}`.trim(), files });
    });
  }
  const scalars = new Set<string>();
  for (const c of cases) {
    for (const f of c.files) {
      for (const m of f.text.matchAll(/^\s*(?:- )?[\w.\/-]+: (\S[^#\n]*?)\s*$/gm)) if (m[1].length <= 80) scalars.add(m[1]);
    }
  }
  return { cases, scalars: [...scalars].sort(), ruleIds };
}

// ---------------------------------------------------------------------------------------------
// Mutations of a text. Each returns the new text, or undefined where it does not apply (then
// another is drawn).

interface Context {
  rng: Rng;
  corpus: Corpus;
}

type TextMutation = (text: string, ctx: Context) => string | undefined;

const lines = (text: string) => text.split('\n');
const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];
/** A line that holds something (not blank), by index; undefined if there is none. */
function someLine(all: string[], rng: Rng, test: (line: string) => boolean = (l) => l.trim() !== ''): number | undefined {
  const candidates = all.flatMap((l, i) => (test(l) ? [i] : []));
  return candidates.length === 0 ? undefined : rng.pick(candidates);
}

/** `key: value` lines (block mappings, and list items `- key: value`), for value replacements. */
const KEY_VALUE = /^(\s*(?:- )*)([^\s#:'"{}[\],][^:#\n]*?):[ \t]+([^\s#][^#\n]*?)?(\s*(?:#.*)?)$/;

const INTERESTING = [
  '0', '-1', '1', '65536', '99999999999999999999999', '1e309', '-0', '0x1F', '0o17', '017', '1_000', '12:30:00', '.inf', '-.inf', '.nan', '3.14',
  'true', 'false', 'yes', 'no', 'on', 'off', 'Y', 'n', '~', 'null', 'Null', "''", '""', '{}', '[]', '[a, b]', '{a: 1}', '- x',
  '!!binary aGVsbG8=', '!!str 10255', '!!int "10250"', '!!float 1', '!!null', '!!timestamp 2001-12-14', '2001-12-14t21:59:43.10-05:00', '!custom x', '!<tag:yaml.org,2002:str> x',
  '10250', '"10250"', 'https-metrics', 'http-metrics', 'cadvisor', '/metrics/cadvisor', 'https', 'HTTP', '30s', '1m30s', '0s', '-5s', '10x', '1h1h',
  '|', '>-', '|+\n  block', "'it''s'", '"esc \\u0000 \\x07 \\U0001F600"', '"unterminated', "'unterminated", '&v value', '*v', '*undefined',
  '{{ .Values.port }}', '${PORT}', '{% if x %}', '"{{ .Release.Name }}"', 'a: b', 'a:b', 'x # comment', '"#not-a-comment"', '@reserved', '`backtick`', '%percent',
];
const KINDS = ['ServiceMonitor', 'PodMonitor', 'Probe', 'ScrapeConfig', 'Prometheus', 'PrometheusAgent', 'Alertmanager', 'Service', 'Namespace', 'Deployment', 'List', 'Kustomization', 'Template', 'Secret', 'servicemonitor', ''];
const API_VERSIONS = ['monitoring.coreos.com/v1', 'monitoring.coreos.com/v1alpha1', 'monitoring.coreos.com/v1beta1', 'azmonitoring.coreos.com/v1', 'v1', 'apps/v1', 'kustomize.config.k8s.io/v1beta1', 'template.openshift.io/v1', 'monitoring.coreos.com', ''];
const UNICODE = ['ünïcödé', 'サービス', '😀', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'e\u0301\u0301\u0301', '\u202Eevil\u202C', 'zero\u200Bwidth', 'ａｂｃ：ｄ', '\uD800', '\uDFFF', 'Ωμέγα', '\u00A0nbsp', 'ﬁ', 'İı', '\uFFFD'];
const TOKENS = ['- ', '-', '- &a ', '*a', '!!map ', '!!seq ', '!!str ', '? ', ': ', '---', '...', '\t', '&a ', '!custom ', '%YAML 1.1', '%TAG ! tag:x,2024:', '<<: *a', '- - ', '[', ']', '{', '}', ',', '|', '>', '#', '"', "'", '&', '*'];
const CONTROLS = ['\0', '\x01', '\x07', '\b', '\x0b', '\f', '\x1b[31m', '\x7f', '\x85', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF', '\r', '\x1b]8;;x\x07'];

function replaceValue(text: string, ctx: Context, choose: (key: string, value: string) => string): string | undefined {
  const all = lines(text);
  const i = someLine(all, ctx.rng, (l) => KEY_VALUE.test(l));
  if (i === undefined) return undefined;
  const [, lead, key, value = '', trail] = KEY_VALUE.exec(all[i])!;
  all[i] = `${lead}${key}: ${choose(key.trim(), value)}${trail}`;
  return all.join('\n');
}

const insertAt = (text: string, offset: number, s: string) => text.slice(0, offset) + s + text.slice(offset);

/** A billion-laughs shape, bounded: `levels` anchors, each a list of `width` aliases of the one before. */
function aliasBomb(rng: Rng, indent: string): string {
  const levels = rng.range(2, 6);
  const width = rng.range(2, 9);
  const out = [`${indent}lol0: &l0 [lol, lol]`];
  for (let l = 1; l < levels; l++) out.push(`${indent}lol${l}: &l${l} [${Array(width).fill(`*l${l - 1}`).join(', ')}]`);
  return out.join('\n');
}

function deepNesting(rng: Rng): string {
  const depth = rng.pick([10, 100, 1000, 3000, 10000]);
  const closed = rng.chance(0.8);
  switch (rng.int(3)) {
    case 0:
      return '['.repeat(depth) + (closed ? ']'.repeat(depth) : '');
    case 1:
      return '{a: '.repeat(depth) + 'x' + (closed ? '}'.repeat(depth) : '');
    default:
      return '- '.repeat(Math.min(depth, 3000)) + 'x';
  }
}

const MUTATIONS: Record<string, TextMutation> = {
  'delete-line': (text, { rng }) => {
    const all = lines(text);
    if (all.length < 2) return undefined;
    all.splice(rng.int(all.length), rng.chance(0.8) ? 1 : rng.range(2, 6));
    return all.join('\n');
  },
  'duplicate-line': (text, { rng }) => {
    const all = lines(text);
    const i = rng.int(all.length);
    const n = rng.chance(0.7) ? 1 : rng.range(2, 5);
    all.splice(i, 0, ...all.slice(i, i + n));
    return all.join('\n');
  },
  'swap-lines': (text, { rng }) => {
    const all = lines(text);
    if (all.length < 2) return undefined;
    const i = rng.int(all.length - 1);
    const j = rng.chance(0.6) ? i + 1 : rng.int(all.length);
    [all[i], all[j]] = [all[j], all[i]];
    return all.join('\n');
  },
  indent: (text, { rng }) => {
    const all = lines(text);
    const i = someLine(all, rng);
    if (i === undefined) return undefined;
    const n = rng.chance(0.7) ? 1 : rng.range(2, 8);
    const delta = rng.pick([-2, -1, 1, 2]);
    for (let k = i; k < Math.min(all.length, i + n); k++) {
      all[k] = delta > 0 ? ' '.repeat(delta) + all[k] : all[k].replace(new RegExp(`^ {1,${-delta}}`), '');
    }
    return all.join('\n');
  },
  'insert-token': (text, { rng }) => {
    const all = lines(text);
    const i = rng.int(all.length);
    const token = rng.pick(TOKENS);
    if (rng.chance(0.4)) all.splice(i, 0, indentOf(all[i]) + token);
    else {
      const ind = indentOf(all[i]);
      all[i] = ind + token + all[i].slice(ind.length);
    }
    return all.join('\n');
  },
  // `- key: v` as `-` alone on its line, the mapping below it; or `key: v` as `key:` and `v` below.
  'split-item': (text, { rng }) => {
    const all = lines(text);
    const item = (l: string) => /^\s*- \S/.test(l);
    const i = someLine(all, rng, rng.chance(0.7) ? item : (l) => item(l) || KEY_VALUE.test(l));
    if (i === undefined) return undefined;
    // `s`: a line may hold a line separator that `.` would not match.
    const parts = /^(\s*)- (.*)$/s.exec(all[i]);
    const pair = KEY_VALUE.exec(all[i]);
    if (parts) all.splice(i, 1, `${parts[1]}-`, `${parts[1]}  ${parts[2]}`);
    else if (pair) {
      const [, lead, key, value = '', trail] = pair;
      all.splice(i, 1, `${lead}${key}:${trail}`, `${indentOf(lead)}${' '.repeat(rng.range(0, 4))}${value}`);
    } else return undefined;
    return all.join('\n');
  },
  'line-endings': (text, { rng }) => {
    switch (rng.int(5)) {
      case 0:
        return text.replace(/\r?\n/g, '\r\n');
      case 1:
        return text.replace(/\r?\n/g, '\r');
      case 2: {
        const all = lines(text);
        const i = rng.int(all.length);
        all[i] += '\r';
        return all.join('\n');
      }
      case 3:
        return text.replace(/\n+$/, '');
      default:
        return text + '\n'.repeat(rng.range(1, 50));
    }
  },
  bom: (text, { rng }) => {
    if (rng.chance(0.6)) return `\uFEFF${text}`;
    const all = lines(text);
    const i = rng.int(all.length);
    all[i] = `\uFEFF${all[i]}`;
    return all.join('\n');
  },
  control: (text, { rng }) => insertAt(text, rng.int(text.length + 1), rng.pick(CONTROLS)),
  'long-line': (text, ctx) => {
    const long = (ctx.rng.chance(0.5) ? 'x' : ctx.rng.pick(['ab', '9', ' ', 'é', '😀', 'a,'])).repeat(ctx.rng.pick([1000, 20000, 200000]));
    if (ctx.rng.chance(0.3)) return `${text}\n# ${long}\n`;
    return replaceValue(text, ctx, (key) => (ctx.rng.chance(0.2) ? `${key}${long}` : long));
  },
  'deep-nesting': (text, ctx) => replaceValue(text, ctx, () => deepNesting(ctx.rng)) ?? `${text}\nx: ${deepNesting(ctx.rng)}\n`,
  aliases: (text, ctx) => {
    const { rng } = ctx;
    const all = lines(text);
    switch (rng.int(4)) {
      case 0: {
        // The bomb as keys of a mapping (after a line that opens one, or at the top level).
        const i = someLine(all, rng, (l) => /:\s*$/.test(l)) ?? 0;
        all.splice(i + 1, 0, aliasBomb(rng, `${indentOf(all[i + 1] ?? '')}`));
        return all.join('\n');
      }
      case 1:
        return `${text}\n---\n${aliasBomb(rng, '')}\nkind: ServiceMonitor\napiVersion: monitoring.coreos.com/v1\nspec: {endpoints: *l1}\n`;
      case 2: {
        // An anchor on one value, its alias in place of another.
        const anchored = replaceValue(text, ctx, (_k, v) => `&v ${v || '{}'}`);
        return anchored && replaceValue(anchored, ctx, () => rng.pick(['*v', '*undefined', '*v\n<<: *v']));
      }
      default: {
        // An anchored list item reused, and a merge key.
        const i = someLine(all, rng, (l) => /^\s*- \S/.test(l));
        if (i === undefined) return undefined;
        const ind = /^(\s*)- /.exec(all[i])![1];
        all[i] = all[i].replace('- ', '- &item ');
        all.splice(i + 1, 0, `${ind}- *item`, ...(rng.chance(0.5) ? [`${ind}- <<: *item`, `${ind}  port: other`] : []));
        return all.join('\n');
      }
    }
  },
  // Flow collections to block and back, through the yaml package (which keeps comments).
  'flow-block': (text, { rng }) => {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.length === 0 || docs.some((d) => d.errors.length > 0)) return undefined;
    const doc = rng.pick(docs);
    const nodes: { flow?: boolean }[] = [];
    visit(doc, (_key, node) => {
      if (isCollection(node)) nodes.push(node);
    });
    if (nodes.length === 0) return undefined;
    const node = rng.pick(nodes);
    node.flow = !node.flow;
    try {
      return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
    } catch {
      return undefined;
    }
  },
  scalar: (text, ctx) =>
    replaceValue(text, ctx, (key, value) => {
      const { rng } = ctx;
      if (key === 'kind' && rng.chance(0.7)) return rng.pick(KINDS);
      if (key === 'apiVersion' && rng.chance(0.7)) return rng.pick(API_VERSIONS);
      if (rng.chance(0.35)) return rng.pick(ctx.corpus.scalars);
      if (rng.chance(0.1)) return `"${value}"`;
      return rng.pick(INTERESTING);
    }),
  'duplicate-key': (text, ctx) => {
    const { rng } = ctx;
    const all = lines(text);
    const i = someLine(all, rng, (l) => KEY_VALUE.test(l) && !/^\s*- /.test(l));
    if (i === undefined) return undefined;
    const [, lead, key] = KEY_VALUE.exec(all[i])!;
    all.splice(i + rng.range(0, 1), 0, `${lead}${key}: ${rng.chance(0.5) ? rng.pick(ctx.corpus.scalars) : rng.pick(INTERESTING)}`);
    return all.join('\n');
  },
  splice: (text, ctx) => {
    const { rng } = ctx;
    const other = rng.pick(rng.pick(ctx.corpus.cases).files).text;
    const a = lines(text);
    const b = lines(other);
    switch (rng.int(3)) {
      case 0:
        return [...a.slice(0, rng.int(a.length + 1)), ...b.slice(rng.int(b.length))].join('\n');
      case 1:
        return `${text}${text.endsWith('\n') ? '' : '\n'}${rng.pick(['---\n', '--- # x\n', '...\n---\n', ''])}${other}`;
      default: {
        const i = rng.int(a.length);
        const ind = indentOf(a[i]);
        a.splice(i, 0, ...b.map((l) => ind + l));
        return a.join('\n');
      }
    }
  },
  unicode: (text, ctx) => {
    const { rng } = ctx;
    const u = rng.pick(UNICODE);
    if (rng.chance(0.3)) return insertAt(text, rng.int(text.length + 1), u);
    return replaceValue(text, ctx, (key, value) => (rng.chance(0.5) ? `${value}${u}` : `${u}${value}`)) ?? insertAt(text, 0, u);
  },
  // Keys in Unicode: the key of a `key: value` line.
  'unicode-key': (text, ctx) => {
    const all = lines(text);
    const i = someLine(all, ctx.rng, (l) => KEY_VALUE.test(l));
    if (i === undefined) return undefined;
    const [, lead, key, value = '', trail] = KEY_VALUE.exec(all[i])!;
    all[i] = `${lead}${key}${ctx.rng.pick(UNICODE)}: ${value}${trail}`;
    return all.join('\n');
  },
  suppression: (text, ctx) => {
    const { rng } = ctx;
    const ids = Array.from({ length: rng.range(0, 3) }, () => (rng.chance(0.8) ? rng.pick(ctx.corpus.ruleIds) : rng.pick(['', 'no-such-rule', 'parse-errr', ',', '--', '*', '😀'])));
    const form = rng.pick(['disable', 'disable-next-line', 'disable-line', 'enable', 'disable-next-line ', 'Disable']);
    const reason = rng.pick(['', ' -- reason', ' --', ' -- ', ' --reason', ' -- a -- b']);
    const comment = `# scrapelint-${form} ${ids.join(rng.pick([', ', ',', ' ']))}${reason}`;
    const all = lines(text);
    const i = rng.int(all.length);
    if (rng.chance(0.2)) {
      const values = ids.join(',');
      all.splice(i, 0, `${indentOf(all[i])}annotations: {scrapelint.dev/ignore: "${values}"}`);
    } else if (rng.chance(0.5)) all.splice(i, 0, indentOf(all[i]) + comment);
    else all[i] += ` ${comment}`;
    return all.join('\n');
  },
  template: (text, ctx) => {
    const t = ctx.rng.pick(['{{ .Values.x }}', '{{- if .Values.enabled }}', '{{- end }}', '${VAR}', '$(VAR)', '{% raw %}', '{{', '}}', '{{ include "x" . | nindent 4 }}']);
    if (ctx.rng.chance(0.5)) return replaceValue(text, ctx, () => t);
    const all = lines(text);
    all.splice(ctx.rng.int(all.length), 0, t);
    return all.join('\n');
  },
  'delete-chars': (text, { rng }) => {
    if (text.length === 0) return undefined;
    const at = rng.int(text.length);
    return text.slice(0, at) + text.slice(at + rng.range(1, 20));
  },
  'insert-char': (text, { rng }) => insertAt(text, rng.int(text.length + 1), rng.pick([':', '"', "'", '{', '}', '[', ']', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`', '-', '?', ' ', '\t', '\n', '\\'])),
};

/** JSON mutated as JSON: a value of the parsed tree changed, then written back (some text-level damage after). */
function mutateJson(text: string, rng: Rng, corpus: Corpus): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const holders: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((item, i) => (holders.push({ parent: v, key: i }), collect(item)));
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) holders.push({ parent: v as Record<string, unknown>, key: k }), collect(item);
  };
  collect(value);
  if (holders.length > 0) {
    const { parent, key } = rng.pick(holders);
    const target = parent as Record<string | number, unknown>;
    const replacements: unknown[] = [0, -1, 1e308, 0.5, true, false, null, '', 'yes', '10250', rng.pick(corpus.scalars), [], {}, [[[]]], { '': null }, rng.pick(UNICODE), 'x'.repeat(10000)];
    const choice = rng.int(5);
    if (choice === 0) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete target[key];
    } else if (choice === 1) {
      let nested: unknown = target[key];
      for (let d = rng.pick([10, 1000, 5000]); d > 0; d--) nested = [nested];
      target[key] = nested;
    } else if (choice === 2 && !Array.isArray(parent)) {
      // A key in Unicode beside the old one.
      target[`${key}${rng.pick(UNICODE)}`] = target[key];
    } else {
      target[key] = rng.pick(replacements);
    }
  }
  let out: string;
  try {
    out = JSON.stringify(value, null, rng.pick([0, 2, 2, '\t']));
  } catch {
    return undefined;
  }
  // Duplicate keys, trailing commas, comments and truncation are not JSON.stringify's to make.
  const all = out.split('\n');
  switch (rng.int(6)) {
    case 0: {
      const i = rng.int(all.length);
      all.splice(i, 0, all[i]);
      return all.join('\n');
    }
    case 1:
      return out.replace(/([}\]])(\s*)$/, ',$1$2');
    case 2:
      return `// comment\n${out}`;
    case 3:
      return out.slice(0, rng.int(out.length + 1));
    default:
      return out;
  }
}

/** A YAML text as JSON: its documents (one object, or a List of them). */
function asJson(text: string, rng: Rng): string | undefined {
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    const values = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown).filter((v) => v !== null && v !== undefined);
    const value = values.length === 1 ? values[0] : { apiVersion: 'v1', kind: 'List', items: values };
    return JSON.stringify(value, null, rng.pick([0, 2]));
  } catch {
    return undefined;
  }
}

// Mutations of the bytes, last: encodings other than UTF-8, broken UTF-8, a cut anywhere.
const BYTE_MUTATIONS: Record<string, (bytes: Buffer, rng: Rng) => Buffer> = {
  'utf16le-bom': (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  'utf16be-bom': (b) => {
    const le = Buffer.from(b.toString('utf8'), 'utf16le');
    return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
  },
  'utf16-bom-bytes': (b, rng) => Buffer.concat([Buffer.from(rng.pick([[0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0]])), b]),
  'invalid-utf8': (b, rng) => {
    const at = rng.int(b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(rng.pick([[0xc3], [0xff], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80, 0x80]])), b.subarray(at)]);
  },
  truncate: (b, rng) => b.subarray(0, rng.int(b.length + 1)),
};

export interface FuzzFile {
  path: string;
  bytes: Buffer;
}

export interface FuzzInput {
  seed: number;
  index: number;
  /** The corpus case it comes from. */
  source: string;
  /** The file mutated (the one given on standard input when `stdin`). */
  target: string;
  /** The mutations, in order. */
  ops: string[];
  files: FuzzFile[];
  /** Whether to lint the target through `-` (standard input) rather than the folder. */
  stdin: boolean;
}

const TEXT_OPS = Object.keys(MUTATIONS);

/** Input `index` of seed `seed`. */
export function makeInput(corpus: Corpus, seed: number, index: number): FuzzInput {
  const rng = new Rng(inputSeed(seed, index));
  const ctx: Context = { rng, corpus };
  const source = rng.pick(corpus.cases);
  const files = source.files.map((f) => ({ ...f }));
  const target = rng.pick(files);
  const ops: string[] = [];
  if (!target.path.endsWith('.json') && files.length === 1 && rng.chance(0.06)) {
    const json = asJson(target.text, rng);
    if (json !== undefined) {
      target.text = json;
      target.path = target.path.replace(/\.ya?ml$/, '') + '.json';
      ops.push('as-json');
    }
  }
  // Mostly one mutation: each more breaks the text further from what the rules look at.
  const count = rng.chance(0.65) ? 1 : rng.chance(0.6) ? 2 : rng.range(3, 5);
  for (let n = 0; n < count; n++) {
    if (target.path.endsWith('.json') && rng.chance(0.6)) {
      const out = mutateJson(target.text, rng, corpus);
      if (out !== undefined) {
        target.text = out;
        ops.push('json');
        continue;
      }
    }
    // Up to a few draws for one that applies.
    for (let attempt = 0; attempt < 5; attempt++) {
      const name = rng.pick(TEXT_OPS);
      const out = MUTATIONS[name](target.text, ctx);
      if (out !== undefined && out !== target.text) {
        target.text = out;
        ops.push(name);
        break;
      }
    }
  }
  const out: FuzzFile[] = files.map((f) => ({ path: f.path, bytes: Buffer.from(f.text, 'utf8') }));
  const mutated = out[files.indexOf(target)];
  if (rng.chance(0.12)) {
    const name = rng.pick(Object.keys(BYTE_MUTATIONS));
    mutated.bytes = BYTE_MUTATIONS[name](mutated.bytes, rng);
    ops.push(name);
  }
  return { seed, index, source: source.name, target: target.path, ops, files: out, stdin: rng.chance(0.15) };
}
