// Data files in YAML validated by a JSON Schema (rule files, the configuration file): ajv set up
// for them, the one error worth showing, and the line and column of the field it is about.
import * as AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import { RE2JS } from 're2js';
import { closest } from './functions/nearest.js';
import type { Document, Node } from 'yaml';
import type { SourceText, Position } from '../yaml/source.js';
import { anchorRange, keyRange, locate, pointerToPath, type Path } from '../yaml/nodes.js';

// ajv is CommonJS: under native ESM (jest) the class is `default.default`, bundled it is `default`.
type AjvClass = typeof AjvModule.Ajv;
const ajvExports = AjvModule as unknown as { default: AjvClass & { default?: AjvClass } };
export const Ajv: AjvClass = ajvExports.default.default ?? ajvExports.default;
export type Ajv = InstanceType<AjvClass>;

/** A JSON Schema `pattern` that RE2 cannot compile (a lookaround, a backreference). */
export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`the pattern ${JSON.stringify(pattern)} does not compile with RE2 (${reason}); scrapelint matches patterns with RE2, which has no lookahead, lookbehind or backreferences`);
  }
}

/**
 * ajv's regular expression engine: RE2, which matches in time linear in the value, where a
 * JavaScript RegExp such as `^(a+)+$` backtracks for minutes on 34 characters. Patterns are
 * ECMA-262 syntax, which translateRegExp turns into RE2's (`\u00e9`, named groups). `code` is
 * the name ajv's standalone code calls it by: the precompiled rules define it (scripts/precompile-rules.ts).
 */
export const re2Pattern = Object.assign(
  (pattern: string): RE2JS => {
    try {
      return RE2JS.compile(RE2JS.translateRegExp(pattern));
    } catch (error) {
      throw new PatternError(pattern, (error as Error).message.replace(/^error parsing regexp: /, ''));
    }
  },
  { code: 're2Pattern' },
);

/** How ajv reads rule and configuration schemas (the build's precompiler uses the same). */
export const AJV_OPTIONS = { strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true, code: { regExp: re2Pattern } } as const;

/** `allErrors` for data files (configuration, rule files): every error, each with its value and schema for did-you-mean. */
export function newAjv(allErrors = false) {
  return new Ajv({ ...AJV_OPTIONS, allErrors, verbose: allErrors });
}

/** ` (did you mean "x"?)` when one of `candidates` is a small edit away from `value`. */
function suggestion(value: unknown, candidates: unknown): string {
  if (typeof value !== 'string' || !Array.isArray(candidates)) return '';
  const best = closest(value, candidates.filter((c): c is string => typeof c === 'string'), { prefix: true });
  return best ? ` (did you mean "${best}"?)` : '';
}

/**
 * The one error worth showing: an unknown field first (usually a typo), then errors outside
 * anyOf/oneOf branches (those only say which alternative did not fit), then the deepest.
 */
export function mostUseful(errors: ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject) => [
    e.keyword === 'additionalProperties' ? 0 : 1,
    /\/(anyOf|oneOf)\//.test(e.schemaPath) || e.keyword === 'anyOf' || e.keyword === 'oneOf' ? 1 : 0,
    -e.instancePath.split('/').length,
  ];
  return [...errors].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return 0;
  })[0];
}

export function fieldName(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function describeAjvError(error: ErrorObject): { path: Path; message: string; atKey: boolean; keyword: string } {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties':
      return {
        path: [...path, String(params.additionalProperty)],
        message: `unknown field "${params.additionalProperty}"${suggestion(params.additionalProperty, Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}))}`,
        atKey: true,
        keyword: error.keyword,
      };
    case 'required':
      return { path, message: `missing required field "${params.missingProperty}"`, atKey: false, keyword: error.keyword };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${suggestion(error.data, params.allowedValues)}`, atKey: false, keyword: error.keyword };
    default:
      return { path, message: error.message ?? 'is invalid', atKey: false, keyword: error.keyword };
  }
}

/** Where a field of a YAML data file is: its value, its key (`atKey`), or the deepest part of the path that exists. */
export function positionOfPath(source: SourceText, doc: Document, path: Path, atKey = false): Position {
  const found = locate(doc.contents as Node, path);
  let range: [number, number] = [0, 0];
  if (found) range = (atKey && keyRange(found)) || anchorRange(found);
  else {
    for (let n = path.length - 1; n >= 0; n--) {
      const parent = locate(doc.contents as Node, path.slice(0, n));
      if (parent) {
        range = anchorRange(parent);
        break;
      }
    }
  }
  return source.position(range[0]);
}
