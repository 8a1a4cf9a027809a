// Plain scalars as Kubernetes reads them. kubectl and the API server turn YAML into JSON with
// sigs.k8s.io/yaml, which decodes with go-yaml v2 into untyped values (resolve.go): YAML 1.1's
// booleans (`yes`, `on`, `y`) and nulls, Go's integers (strconv.ParseInt(s, 0, 64) once every `_`
// is dropped: `0755` octal, `0o17`, `0x1F`, `0b101`), YAML-style floats, and nothing else. Unlike
// YAML 1.1, `1:30` (sexagesimal) and `2001-12-14` (a timestamp, kept as a string in untyped values)
// are strings. Both readers (parse.ts through the `yaml` package, load-plain.ts through js-yaml)
// resolve numbers with kubernetesNumber, so they agree.

/** go-yaml v2's special floats (its resolve map). */
const SPECIAL: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};

/** strconv.ParseInt(s, 0, 64)'s syntax (and ParseUint's, without the sign). */
const GO_INT = /^([-+]?)(?:0([bB])([01]+)|0([oO])([0-7]+)|0([xX])([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))$/;
/** go-yaml v2's yamlStyleFloat, then strconv.ParseFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** A scalar starting with `.` goes to strconv.ParseFloat as written (no `_` dropped). */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/** Where a number can start: go-yaml v2 tries numbers only for a sign, a digit or a dot. */
export const NUMBER_START = /^[-+0-9.]/;

/** The number go-yaml v2 reads `text` as, or undefined when it is a string. */
export function kubernetesNumber(text: string): number | undefined {
  if (!NUMBER_START.test(text)) return undefined;
  if (text in SPECIAL) return SPECIAL[text];
  if (text[0] === '.') return DOT_FLOAT.test(text) ? parseFloat(text) : undefined;
  const plain = text.replace(/_/g, '');
  const m = GO_INT.exec(plain);
  if (m) {
    const [, sign, , bin, , oct, , hex, octal, decimal] = m;
    const magnitude =
      bin !== undefined ? parseInt(bin, 2)
      : oct !== undefined ? parseInt(oct, 8)
      : hex !== undefined ? parseInt(hex, 16)
      : octal !== undefined ? parseInt(octal, 8)
      : parseInt(decimal, 10);
    return sign === '-' ? -magnitude : magnitude;
  }
  return YAML_STYLE_FLOAT.test(plain) ? parseFloat(plain) : undefined;
}
