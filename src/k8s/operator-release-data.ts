// The shape of operator-releases.generated.ts, and its release ranges ("45-60,62-93"), apart
// from the data so that the script that writes the data can use them.
/** The OpenAPI keywords of a CRD's schema that the API server checks, kept as they are. */
export const CHECKED_KEYWORDS = [
  'type',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'required',
  'nullable',
  'default',
] as const;

/** A CEL rule of x-kubernetes-validations; `skip` says why crd-schema does not evaluate it. */
export interface CelRule {
  rule: string;
  message?: string;
  fieldPath?: string;
  skip?: string;
}

/**
 * What the API server checks of a field's value: the OpenAPI keywords as in the CRD, and the
 * Kubernetes extensions (x-kubernetes-int-or-string, -list-type, -list-map-keys, -validations).
 * Formats are left out: the API server checks none of those the CRDs use on values users write
 * (int32 and int64 are not range-checked; date-time is only in `status`).
 */
export type FieldConstraints = { [K in (typeof CHECKED_KEYWORDS)[number]]?: unknown } & {
  intOrString?: true;
  listType?: 'set' | 'map';
  listMapKeys?: string[];
  validations?: CelRule[];
};

/**
 * A field of a CRD's schema: `r` the releases that have it (as "45-60,62-93"; absent: those of
 * its parent), `p` its fields, `i` the schema of its items, `a` that of its map values, `x` the
 * releases in which anything may be put in it (x-kubernetes-preserve-unknown-fields); `c` its
 * constraints in every release that has it, or `cs` each set of constraints with its releases.
 */
export interface FieldNode {
  r?: string;
  p?: Record<string, FieldNode>;
  i?: FieldNode;
  a?: FieldNode;
  x?: string;
  c?: FieldConstraints;
  cs?: [string, FieldConstraints][];
}

export interface ReleaseData {
  generatedFrom: string;
  /** Minor version to the tag read for it. */
  releases: Record<string, string>;
  /** Minor version to the Prometheus version it configures when a Prometheus names none (DefaultPrometheusVersion). */
  defaultPrometheus: Record<string, string>;
  kinds: Record<string, FieldNode>;
}

/** "45-60,62" for the numbers 45 to 60 and 62. */
export function formatRanges(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(',');
}

export function parseRanges(ranges: string): [number, number][] {
  return ranges.split(',').map((part) => {
    const [from, to] = part.split('-').map(Number);
    return [from, to ?? from];
  });
}

