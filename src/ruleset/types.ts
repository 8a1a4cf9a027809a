// The rule model: what a rule file becomes once loaded and compiled.
import type { LintedKind, ManifestObject, UnitInfo } from '../k8s/objects.js';
import type { LabelSelector } from '../k8s/selectors.js';
import type { Path } from '../yaml/nodes.js';
import type { DropItem, MapPatch } from '../yaml/edits.js';
import type { PathPattern } from './path.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface RuleDocs {
  why: string;
  bad: string;
  fixed: string;
  whenToDisable?: string;
  sources?: string[];
  url?: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  enabled: boolean;
  kinds: LintedKind[];
  description: string;
  docs: RuleDocs;
  /** Reported by the engine while reading input rather than by checks. */
  input: boolean;
  checks: Check[];
  /** The rule file, for messages about the rule itself. */
  file: string;
  /** One of scrapelint's own rules (not a custom rule of the configuration). */
  builtin: boolean;
}

/** One edit step of a fix: a patch on a mapping, under conditions on the checked value. */
export interface FixOp extends MapPatch, DropItem {
  in?: PathPattern;
  if?: Condition;
  unless?: Condition;
  /** Named facts (src/ruleset/facts.ts) that must hold for the op to apply (`!` negates). */
  facts?: { name: string; negate: boolean }[];
}

/**
 * An edit offered for review and never applied by --fix (ESLint's `suggest`): it could change
 * what a working scrape does (switching to https, another port, more namespaces).
 */
export interface SuggestOp {
  /** What the edit does, for people choosing it (placeholders as in messages). */
  desc: string;
  ops: FixOp[];
}

/** A JSON Schema condition, compiled by ajv (on first use, for the built-in rules). */
export type Condition = (value: unknown) => boolean;

export interface Check {
  given: PathPattern;
  facts: { name: string; negate: boolean }[];
  /** The operator releases (minor versions) the check applies to: `from` on, up to before `before`. */
  releases?: { from?: number; before?: number };
  object?: Condition;
  value?: Condition;
  match?: Condition;
  function?: CheckFunction;
  options?: unknown;
  /** A function check whose findings can carry fixes. */
  fixable: boolean;
  /** A function check whose findings can carry suggestions. */
  hasSuggestions: boolean;
  at: PathPattern[];
  /** Point at the key of the `at` value rather than the value. */
  atKey: boolean;
  message: string;
  fix?: FixOp[];
  suggest?: SuggestOp[];
}

/** Where something is: a file and 1-based positions. */
export interface Place {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Every object of a run (all files and stdin), for checks that look at other objects. */
export interface ObjectIndex {
  objects: readonly ManifestObject[];
  /** Objects of a kind (any API group; filter on `group` where it matters). */
  ofKind(kind: string): readonly ManifestObject[];
  /** Objects of a kind that carry the label `key: value`. */
  withLabel(kind: string, key: string, value: string): readonly ManifestObject[];
  /** Where an object (or a path inside it) is, for messages and related locations. */
  placeOf(object: ManifestObject, path?: Path): Place;
  /** A value computed once per object and run. */
  memo<T>(object: ManifestObject, key: string, compute: () => T): T;
  /** The unit whose objects these are (see k8s/units.ts). */
  unit?: UnitInfo;
}

/** What a check function sees: one value the `given` path reached, and its object. */
export interface CheckContext {
  object: ManifestObject;
  index: ObjectIndex;
  /** Path of the value from the object's root. */
  path: Path;
  value: unknown;
  options: unknown;
  settings: LintSettings;
}

/** A finding a check function reports; `at` and `fix` are relative to the checked value. */
export interface CheckReport {
  at?: (string | number)[];
  /** Point at the key at `at` rather than its value (an unknown field, say). */
  atKey?: boolean;
  /** Extra placeholders for the message. */
  data?: Record<string, string>;
  fix?: FixOp[];
  /** Edits offered for review, never applied by --fix. */
  suggest?: SuggestOp[];
  /** Other places the finding is about (the Service a selector misses, say). */
  related?: { place: Place; message: string }[];
}

export type CheckFunction = (context: CheckContext) => CheckReport[];

export interface FactContext {
  object: ManifestObject;
  index: ObjectIndex;
  path: Path;
  value: unknown;
  settings: LintSettings;
}

/** Settings of a run that facts and functions read (from flags, later the config file). */
export interface LintSettings {
  /** Labels whose selection marks a ServiceMonitor as the kubelet's. */
  kubeletLabels?: readonly { key: string; value: string }[];
  /** The namespace of objects that name none, as `kubectl apply -n` sets it; unknown when not given. */
  defaultNamespace?: string;
  /** A Prometheus selector named by the user (`--prometheus-selector release=kps`), for runs without the Prometheus object. */
  prometheusSelector?: LabelSelector;
  /** Where that selector comes from, for messages. */
  prometheusSelectorFrom?: string;
  /** The operator release the objects are applied to (its minor version: v0.48.1 is 48); the newest when not given. */
  operatorRelease?: number;
  /** Where that release comes from, for messages. */
  operatorReleaseFrom?: string;
}

export type Fact = (context: FactContext) => boolean;
