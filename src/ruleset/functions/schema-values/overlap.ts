// Which schema errors a schema-values rule reports better, with a fix, so that crd-schema can
// leave them out (as it does for Duration pattern errors and wrong-shape selectors):
//   - a number in an interval or timeout field (`interval: 30`): invalid-duration suggests `30s`;
//   - a relabel `action` outside the enum: relabel-config-invalid suggests the real action.
// crd-schema calls this to leave them out.

const DURATION_KEYS = new Set(['interval', 'scrapeTimeout', 'scrapeInterval', 'evaluationInterval']);
const RELABEL_LISTS = new Set(['relabelings', 'metricRelabelings', 'relabelingConfigs']);

export function reportedBySchemaValues(path: readonly (string | number)[], keyword: string, value: unknown): boolean {
  const key = path[path.length - 1];
  if (keyword === 'type' && typeof value === 'number' && typeof key === 'string' && DURATION_KEYS.has(key)) return true;
  if (keyword === 'enum' && key === 'action' && typeof path[path.length - 2] === 'number' && RELABEL_LISTS.has(String(path[path.length - 3]))) return true;
  return false;
}
