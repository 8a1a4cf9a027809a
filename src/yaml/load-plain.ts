// Reading a document's value without positions, for the documents no rule needs positions in
// unless it reports: js-yaml reads several times faster than the `yaml` package's
// position-keeping parser. The value must be the one `parse.ts` gives, so the scalars are
// resolved as YAML 1.1 with the same patterns the `yaml` package's 1.1 schema uses (Kubernetes
// decodes YAML 1.1: `yes` is a boolean, `0755` octal, `1:30` sexagesimal 90); js-yaml's own
// schema is YAML 1.2's.
import * as jsYaml from 'js-yaml';

const { load, FAILSAFE_SCHEMA, Type } = jsYaml;
// js-yaml exports its built-in types; @types/js-yaml does not declare them.
const { types } = jsYaml as unknown as { types: Record<'null' | 'timestamp' | 'merge' | 'binary' | 'omap' | 'pairs' | 'set', jsYaml.Type> };

const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;

// Every plain scalar is tried against every implicit type: most are names, rejected on their
// first character before any pattern runs.
const BOOL_START = /^[yYnNtTfFoO]/;
const NUMBER_START = /^[-+0-9.]/;
const DIGIT_START = /^[0-9]/;

const bool11 = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string) => BOOL_START.test(data) && (TRUE.test(data) || FALSE.test(data)),
  construct: (data: string) => TRUE.test(data),
});

/** `yaml`'s intResolve: sign, then digits after `offset` with underscores dropped. */
function int(text: string, offset: number, radix: number): number {
  const sign = text[0];
  const digits = text.substring(sign === '-' || sign === '+' ? offset + 1 : offset).replace(/_/g, '');
  const n = parseInt(digits, radix);
  return sign === '-' ? -1 * n : n;
}

function sexagesimal(text: string): number {
  const sign = text[0];
  const parts = sign === '-' || sign === '+' ? text.substring(1) : text;
  const value = parts
    .replace(/_/g, '')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
  return sign === '-' ? -1 * value : value;
}

// In the order of the `yaml` package's YAML 1.1 schema: the first that matches decides.
const INTS: [RegExp, (text: string) => number][] = [
  [/^[-+]?0b[0-1_]+$/, (t) => int(t, 2, 2)],
  [/^[-+]?0[0-7_]+$/, (t) => int(t, 1, 8)],
  [/^[-+]?[0-9][0-9_]*$/, (t) => int(t, 0, 10)],
  [/^[-+]?0x[0-9a-fA-F_]+$/, (t) => int(t, 2, 16)],
];
const FLOATS: [RegExp, (text: string) => number][] = [
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (t) => (t.slice(-3).toLowerCase() === 'nan' ? NaN : t[0] === '-' ? -Infinity : Infinity)],
  [/^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, (t) => parseFloat(t.replace(/_/g, ''))],
  [/^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/, (t) => parseFloat(t.replace(/_/g, ''))],
];
const INT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/;
const FLOAT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/;

const numberType = (tag: string, forms: [RegExp, (text: string) => number][], time: RegExp) =>
  new Type(tag, {
    kind: 'scalar',
    resolve: (data: string) => NUMBER_START.test(data) && (forms.some(([test]) => test.test(data)) || time.test(data)),
    construct: (data: string) => {
      const form = forms.find(([test]) => test.test(data));
      return form ? form[1](data) : sexagesimal(data);
    },
  });

const timestamp = new Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: string) => DIGIT_START.test(data) && types.timestamp.resolve(data),
  construct: (data: string) => types.timestamp.construct(data),
});

// Ints before floats, as in `yaml` (`1:30.5` is only a float; `1:30` only an int).
const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [types.null, bool11, numberType('tag:yaml.org,2002:int', INTS, INT_TIME), numberType('tag:yaml.org,2002:float', FLOATS, FLOAT_TIME), timestamp, types.merge],
  explicit: [types.binary, types.omap, types.pairs, types.set],
});

/** The value of one YAML document; throws on a syntax error (the caller parses it fully then). */
export function loadPlain(text: string): unknown {
  return load(text, { schema: SCHEMA });
}
