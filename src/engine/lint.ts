// The engine: parse every input, recognise the objects, run the rules, collect findings.
// Pure: it is given file names and texts and returns findings; the shells do all I/O.
import type { SourceText } from '../yaml/source.js';
import type { InputProblem } from '../yaml/parse.js';
import { anchorRange, keyRange, locate, type Path } from '../yaml/nodes.js';
import { renderFlow } from '../yaml/edits.js';
import { findTemplateInNode, hasTemplateMarker } from '../yaml/templates.js';
import { NEWEST_MINOR, releaseInInput } from '../k8s/operator-releases.js';
import { describe, isLinted, isObject, LINTED_KINDS, MONITORING_GROUP, touched, type ManifestObject } from '../k8s/objects.js';
import { isKustomizationFile } from '../k8s/identity.js';
import { isKustomization } from '../k8s/kustomize.js';
import { buildUnits, isAssertionFile, NO_LAYER, PlacedObject, type Unit } from '../k8s/units.js';
import { NEEDED_KINDS } from '../k8s/workloads.js';
import { evaluatePath, formatPath, type PathPattern } from '../ruleset/path.js';
import { FACTS } from '../ruleset/facts.js';
import type { Check, CheckReport, FixOp, LintSettings, ObjectIndex, Rule, Severity } from '../ruleset/types.js';
import { buildFix } from './fix.js';
import { buildIndex } from './object-index.js';
import { readManifests, type ReadFile } from './read-manifests.js';
import { applySuppressions, type FileSuppressionInput } from './suppressions.js';
import { compareFindings, type Finding } from './finding.js';

export interface LintInput {
  /** The name findings carry (the shells pass paths relative to the working directory, or `<stdin>`). */
  file: string;
  text: string;
  /** Where the shells read it from (absent for standard input); the engine does not use it. */
  path?: string;
  /** The file's bytes are not UTF-8: it can be linted, not rewritten. */
  notUtf8?: boolean;
  /** One rendered stream (standard input): its objects are applied together, apart from the files'. */
  stream?: boolean;
}

export interface LintOptions {
  rules: readonly Rule[];
  settings?: LintSettings;
  /** Per-rule severity overrides; 'off' disables a rule, a severity enables an opt-in one. */
  severities?: Record<string, Severity | 'off'>;
  /** Parse every document fully, with positions (the reference the fast path is tested against). */
  noFastPath?: boolean;
  /** Folders applied as a whole, each with every folder below it one unit (file names as the inputs write them; `''` is all of them). */
  trees?: readonly string[];
  /** Per-path severity overrides (the configuration's `overrides`), later entries winning. */
  overrides?: readonly { matches: (file: string) => boolean; severities: Record<string, Severity | 'off'> }[];
}

export interface LintResult {
  findings: Finding[];
  /** How many findings inline suppressions removed. */
  suppressed: number;
  /** Every input's source, for reporters that show the offending line. */
  sources: Map<string, SourceText>;
  /** Documents that do not parse and are none of ours (not monitoring objects, nor objects the rules read). */
  unreadable: number;
  /** The monitoring objects of the input (those skipped for template syntax included). */
  objects: number;
}

const API_VERSION = /\bapiVersion["']?\s*:\s*["']?([^\s"'#,}]+)/;
/** `monitoring.coreos.com/v1` as a whole apiVersion (not azmonitoring.coreos.com). */
const MONITORING_API_VERSION = /(?<![\w.-])monitoring\.coreos\.com\//;
const LINTED_KIND = new RegExp(`\\bkind["']?\\s*:\\s*["']?(${LINTED_KINDS.join('|')})\\b`);

/** Whether an unparseable template is a monitoring.coreos.com object of a linted kind. */
function looksLikeLintedObject(text: string): boolean {
  const apiVersion = API_VERSION.exec(text)?.[1];
  // A List or an OpenShift Template may hold monitoring objects under another apiVersion.
  if (apiVersion && !apiVersion.includes('{')) return (apiVersion.startsWith(`${MONITORING_GROUP}/`) || MONITORING_API_VERSION.test(text)) && LINTED_KIND.test(text);
  return LINTED_KIND.test(text);
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

function activeRules(options: LintOptions, file: string): Map<string, ActiveRule> {
  let severities = options.severities ?? {};
  for (const override of options.overrides ?? []) if (override.matches(file)) severities = { ...severities, ...override.severities };
  const active = new Map<string, ActiveRule>();
  for (const rule of options.rules) {
    const override = severities[rule.id];
    if (override === 'off' || (!rule.enabled && override === undefined)) continue;
    active.set(rule.id, { rule, severity: override ?? rule.severity });
  }
  return active;
}

export function lint(inputs: readonly LintInput[], options: LintOptions): LintResult {
  // The rules that run, and how severe, per file (the configuration's overrides are per path).
  const activeByFile = new Map<string, Map<string, ActiveRule>>();
  const activeFor = (file: string) => {
    let active = activeByFile.get(file);
    if (!active) activeByFile.set(file, (active = activeRules(options, file)));
    return active;
  };
  let settings = options.settings ?? {};
  const findings: Finding[] = [];
  const sources = new Map<string, SourceText>();
  const reads: ReadFile[] = [];
  const objectsByFile = new Map<string, ManifestObject[]>();
  let unreadable = 0;
  for (const input of inputs) {
    const read = readManifests(input, !options.noFastPath);
    sources.set(input.file, read.source);
    reads.push(read);
    objectsByFile.set(input.file, read.objects);
  }
  // The operator release, when none is given, from the operator's Deployment in the input.
  if (settings.operatorRelease === undefined) {
    const shown = releaseInInput([...objectsByFile.values()].flat());
    if (shown) settings = { ...settings, operatorRelease: shown.minor, operatorReleaseFrom: shown.from };
  }
  // Each unit's objects, as it applies them, meet only each other (see k8s/units.ts).
  const { units, partialFiles } = buildUnits(inputs, (file) => objectsByFile.get(file) ?? [], options.trees);
  for (const { source, parsed } of reads) {
    // A test's assertions are matched against a cluster, never applied: their syntax is the test's business.
    const assertion = partialFiles.has(source.file) && isAssertionFile(source.file);
    for (const problem of parsed.problems) {
      const finding = assertion ? undefined : inputFinding(source.file, source, problem, activeFor(source.file));
      if (finding) findings.push(finding);
      else if (problem.type === 'parse-error') unreadable++;
    }
  }
  // Objects with unrendered templates are reported once and not linted.
  const skipped = new Set<ManifestObject>();
  for (const objects of objectsByFile.values()) {
    for (const object of objects) {
      if (!isLinted(object)) continue;
      const source = sources.get(object.file)!;
      // Markers are only ever found in the object's own text: without one there, its node (parsed
      // on demand for objects read without positions) need not be looked at.
      // An OpenShift Template's parameter in an object's namespace is dropped by `oc process` anyway.
      const except = object.inTemplate && object.root ? locate(object.root, ['metadata', 'namespace'])?.node : undefined;
      const template = hasTemplateMarker(source.text.slice(object.range[0], object.range[1])) ? findTemplateInNode(object.root, source.text, undefined, except) : undefined;
      if (!template) continue;
      skipped.add(object);
      const rule = activeFor(object.file).get('template-skipped');
      if (rule) {
        findings.push(
          makeFinding(
            source,
            rule,
            template,
            object.inTemplate
              ? `${describe(object)} holds a parameter of its OpenShift Template and is not linted; lint the processed output instead (\`oc process -f ${object.file} --local ... | scrapelint -\`).`
              : `${describe(object)} contains unrendered template syntax and is not linted; lint the rendered output instead (for example \`helm template ... | scrapelint -\`).`,
          ),
        );
      }
    }
  }
  const unitOf = new WeakMap<Finding, Unit>();
  const judge = (objects: readonly ManifestObject[], unit: Unit) => {
    // An object without a name is rejected by the API server: it never exists to compare others with.
    const index = buildIndex(objects.filter(canExist), sources, unit);
    for (const object of objects) {
      if (!isLinted(object) || skipped.has((object as PlacedObject).base)) continue;
      const source = sources.get(object.file)!;
      for (const { rule, severity } of activeFor(object.file).values()) {
        if (rule.input || !rule.kinds.includes(object.kind as Rule['kinds'][number])) continue;
        for (const check of rule.checks) {
          for (const finding of runCheck(source, object, index, { rule, severity }, check, settings)) {
            unitOf.set(finding, unit);
            findings.push(finding);
          }
        }
      }
    }
  };
  for (const unit of units) {
    const objects: ManifestObject[] = [];
    for (const [file, layer] of unit.files) {
      for (const object of objectsByFile.get(file) ?? []) if (!isKustomization(object)) objects.push(new PlacedObject(object, unit, layer, settings.defaultNamespace));
    }
    judge(objects, unit);
  }
  // A patch's or a test assertion's documents are partial objects, each judged on its own.
  for (const file of partialFiles) {
    const unit: Unit = { name: `the partial objects of ${file}`, kind: 'partial', files: new Map(), incomplete: true, generated: new Set() };
    for (const object of objectsByFile.get(file) ?? []) judge([new PlacedObject(object, unit, NO_LAYER, undefined, true)], unit);
  }
  const files = new Map<string, FileSuppressionInput>();
  for (const { source, chunks, objects: fileObjects } of reads) {
    const linted = fileObjects.filter(isLinted);
    files.set(source.file, {
      source,
      documentEnds: chunks.map((c) => c.end),
      objects: linted,
      lintedDocuments: lintedDocuments(chunks, linted),
    });
  }
  const ruleIds = options.rules.map((r) => r.id);
  const { kept, suppressed, unused } = applySuppressions(
    dedupe(findings, unitOf),
    files,
    (source, range, message) => {
      const rule = activeFor(source.file).get('unused-suppression');
      return rule ? makeFinding(source, rule, range, message) : undefined;
    },
    ruleIds,
  );
  let linted = 0;
  for (const list of objectsByFile.values()) for (const object of list) if (isLinted(object)) linted++;
  return { findings: [...kept, ...unused].sort(compareFindings), suppressed, sources, unreadable, objects: linted };
}

/**
 * The spans of the documents that hold linted objects; a document's comments before its first key
 * belong to it, so each runs from the end of the one before. One pass over the documents and the
 * objects (in offset order), as a file may hold hundreds of thousands of each.
 */
export function lintedDocuments(chunks: readonly { start: number; end: number }[], linted: readonly ManifestObject[]): [number, number][] {
  const starts = linted.map((o) => o.range[0]).sort((a, b) => a - b);
  const out: [number, number][] = [];
  let k = 0;
  for (let i = 0; i < chunks.length; i++) {
    const from = i === 0 ? 0 : chunks[i - 1].end;
    const to = chunks[i].end;
    while (k < starts.length && starts[k] < from) k++;
    if (k < starts.length && starts[k] < to) out.push([from, to]);
  }
  return out;
}

/** Whether the API server could create the object: it has a name (or a generateName). */
function canExist(object: ManifestObject): boolean {
  const metadata = object.value.metadata;
  return object.name !== undefined || (isObject(metadata) && typeof metadata.generateName === 'string' && metadata.generateName !== '');
}

/**
 * The finding for a document that does not parse, if it is ours to judge: a monitoring object
 * (or what may be one), or an object the rules compare monitors with. Other documents (a
 * StorageClass template, a tsconfig.json with comments) are not a monitoring linter's business.
 */

function inputFinding(file: string, source: SourceText, problem: InputProblem, active: Map<string, ActiveRule>): Finding | undefined {
  if (problem.type === 'template') {
    const rule = active.get('template-skipped');
    if (!rule || !looksLikeLintedObject(problem.documentText)) return undefined;
    return makeFinding(source, rule, problem.range, 'This document contains unrendered template syntax and does not parse as YAML; it is not linted. Lint the rendered output instead (for example `helm template ... | scrapelint -`).');
  }
  const rule = active.get('parse-error');
  if (!rule) return undefined;
  const what = brokenDocumentRole(file, problem.documentText);
  if (!what) return undefined;
  return makeFinding(source, rule, problem.range, `YAML syntax error: ${problem.message}. ${what}`);
}

const NEEDED_KIND = new RegExp(`^kind["']?\\s*:\\s*["']?(${NEEDED_KINDS.join('|')})["']?\\s*(?:#.*)?$`, 'm');

/** What an unparseable document is to the run, in words; undefined when it is none of ours. */
function brokenDocumentRole(file: string, text: string): string | undefined {
  if (looksLikeLintedObject(text) || MONITORING_API_VERSION.test(text)) return 'This document is not linted until it parses; the other documents of the file still are.';
  if (isKustomizationFile(file)) return 'The kustomization cannot be read until it parses, so what it renders is judged folder by folder.';
  const kind = NEEDED_KIND.exec(text)?.[1];
  if (kind) return `This ${kind} cannot be compared with the monitors that select it until it parses.`;
  return undefined;
}

/** Whether a check for the releases `from` to before `before` applies to the release linted for. */
const appliesTo = ({ from, before }: { from?: number; before?: number }, minor: number) => (from === undefined || minor >= from) && (before === undefined || minor < before);

function runCheck(source: SourceText, object: ManifestObject, index: ObjectIndex, { rule, severity }: ActiveRule, check: Check, settings: LintSettings): Finding[] {
  const out: Finding[] = [];
  if (check.releases && !appliesTo(check.releases, settings.operatorRelease ?? NEWEST_MINOR)) return out;
  if (check.object && !check.object(object.value)) return out;
  const itemsOfAList = check.given[check.given.length - 1] === '*';
  for (const { path, value } of evaluatePath(object.value, check.given)) {
    // A null list item (`- ` with nothing) is crd-schema's to report, not every rule's.
    if (itemsOfAList && (value === null || value === undefined)) continue;
    const context = { object, index, path, value, settings };
    const holds = ({ name, negate }: { name: string; negate: boolean }) => FACTS[name](context) !== negate;
    if (!check.facts.every(holds)) continue;
    if (check.value && !check.value(value)) continue;
    let reports: CheckReport[];
    if (check.match) reports = check.match(value) ? [{}] : [];
    else reports = check.function!({ ...context, options: check.options });
    for (const report of reports) {
      const atPath = report.at ?? firstExisting(value, check.at);
      const target = atPath ? [...path, ...atPath] : path;
      // A patch of the unit changes what the finding is about: the text is not what is applied.
      if (touched(object, target) || touched(object, path)) continue;
      const found = locate(object.root, target) ?? locate(object.root, path);
      if (!found) continue;
      const range = ((check.atKey || report.atKey) && atPath && keyRange(found)) || anchorRange(found);
      const atValue = atPath ? evaluatePath(value, [...atPath])[0]?.value : value;
      const data = {
        value: atValue === undefined ? '' : typeof atValue === 'string' ? atValue : renderFlow(atValue),
        key: atPath && atPath.length > 0 ? String(atPath[atPath.length - 1]) : String(path[path.length - 1] ?? ''),
        path: formatPath(target),
        object: describe(object),
        ...report.data,
      };
      const message = fillMessage(check.message, data);
      const ops: FixOp[] | undefined = report.fix ?? check.fix;
      const edits = ops ? buildFix(source, object, path, value, ops, holds) : undefined;
      const finding = makeFinding(source, { rule, severity }, range, message, edits);
      const suggestions = (report.suggest ?? check.suggest ?? []).flatMap(({ desc, ops: suggested }) => {
        const built = buildFix(source, object, path, value, suggested, holds);
        return built ? [{ desc: fillMessage(desc, data), edits: built.map((e) => positioned(source, e)) }] : [];
      });
      if (suggestions.length > 0) finding.suggestions = suggestions;
      // What the finding is about, independent of lines: the baseline's key.
      finding.subject = { object: `${object.kind} ${object.namespace ?? ''}/${object.name ?? ''}`, path: formatPath(target) };
      if (report.related?.length) finding.related = report.related.map((r) => ({ ...r.place, message: r.message }));
      out.push(finding);
    }
  }
  return out;
}

/** The first of the `at` paths that exists in `value`. */
function firstExisting(value: unknown, candidates: readonly PathPattern[]): Path | undefined {
  for (const candidate of candidates) {
    const reached = evaluatePath(value, candidate);
    if (reached.length > 0) return reached[0].path;
  }
  return undefined;
}

function fillMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => data[name] ?? whole).trim();
}

function makeFinding(
  source: SourceText,
  { rule, severity }: ActiveRule,
  range: [number, number],
  message: string,
  edits?: { range: [number, number]; text: string }[],
): Finding {
  // Inside the text, whatever the range given (a parser's error at the end of the text may lie past it).
  const length = source.text.length;
  range = [Math.min(Math.max(range[0], 0), length), Math.min(Math.max(range[1], 0), length)];
  // A multi-line node's range runs to the start of the next line; end at its last character.
  let to = Math.max(range[1], range[0]);
  while (to > range[0] + 1 && /\s/.test(source.text[to - 1])) to--;
  range = [range[0], to];
  const start = source.position(range[0]);
  const end = source.position(to);
  const finding: Finding = {
    ruleId: rule.id,
    severity,
    message,
    file: source.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    range,
  };
  if (edits && edits.length > 0) finding.fix = { edits: edits.map((e) => positioned(source, e)) };
  return finding;
}

function positioned(source: SourceText, e: { range: [number, number]; text: string }) {
  return { range: e.range, text: e.text, start: source.position(e.range[0]), end: source.position(e.range[1]) };
}

/**
 * Findings once: the same finding twice (a List item read twice, say) is one; and an object judged
 * in several units (a base of two overlays) may get the same finding worded for each unit, so at
 * one place a rule reports from the first unit only.
 */
function dedupe(findings: Finding[], unitOf: WeakMap<Finding, Unit>): Finding[] {
  const seen = new Set<string>();
  const placed = new Map<string, Unit | undefined>();
  return findings.filter((f) => {
    const place = `${f.file}\0${f.ruleId}\0${f.range[0]}\0${f.range[1]}`;
    const key = `${place}\0${f.message}`;
    if (seen.has(key)) return false;
    const unit = unitOf.get(f);
    if (placed.has(place) && placed.get(place) !== unit) return false;
    seen.add(key);
    if (!placed.has(place)) placed.set(place, unit);
    return true;
  });
}
