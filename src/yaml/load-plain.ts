// Reading a document's value without positions, for the documents no rule needs positions in
// unless it reports: js-yaml reads several times faster than the `yaml` package's
// position-keeping parser. The value must be the one `parse.ts` gives, so the scalars are
// resolved as Kubernetes resolves them (go-yaml v2: `yes` is a boolean, `0755` octal, `1:30` a
// string; kubernetes-scalars.ts); js-yaml's own schema is YAML 1.2's.
import * as jsYaml from 'js-yaml';
import { kubernetesNumber } from './kubernetes-scalars.js';

const { load, FAILSAFE_SCHEMA, Type } = jsYaml;
// js-yaml exports its built-in types; @types/js-yaml does not declare them.
const { types } = jsYaml as unknown as { types: Record<'null' | 'timestamp' | 'merge' | 'binary' | 'omap' | 'pairs' | 'set', jsYaml.Type> };

const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;

// Every plain scalar is tried against every implicit type: most are names, rejected on their
// first character before any pattern runs.
const BOOL_START = /^[yYnNtTfFoO]/;

const bool11 = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string) => BOOL_START.test(data) && (TRUE.test(data) || FALSE.test(data)),
  construct: (data: string) => TRUE.test(data),
});

// Numbers as go-yaml v2 reads them (kubernetes-scalars.ts): no sexagesimal, no timestamps.
const number = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string) => kubernetesNumber(data) !== undefined,
  construct: (data: string) => kubernetesNumber(data),
});

const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [types.null, bool11, number, types.merge],
  explicit: [types.binary, types.omap, types.pairs, types.set],
});

/** The value of one YAML document; throws on a syntax error (the caller parses it fully then). */
export function loadPlain(text: string): unknown {
  return load(text, { schema: SCHEMA });
}
