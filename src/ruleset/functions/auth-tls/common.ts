// Shared helpers of the auth-tls check functions: what "set" means, and naming things in messages.
import { isObject, type JsonObject } from '../../../k8s/objects.js';

/** Present and not null: the API server drops null fields, and Go then sees a nil pointer. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** A string field the operator treats as set (it compares with ""). */
export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** A SecretOrConfigMap that is not the zero value: it names a secret or a configMap. */
export const isSecretOrConfigMapSet = (value: unknown): boolean => isObject(value) && (isSet(value.secret) || isSet(value.configMap));

/** The mapping at `key`, if it is one. */
export const mapAt = (value: JsonObject, key: string): JsonObject | undefined => (isObject(value[key]) ? value[key] : undefined);

/** `a`; `a` and `b`; `a`, `b` and `c`: field names for messages. */
export function listFields(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * What happens to an object with a configuration the operator refuses. ScrapeConfigs are also
 * refused by Prometheus itself when it loads the generated configuration; a Prometheus whose scrape
 * class is invalid is not reconciled at all (getScrapeClassConfig in pkg/prometheus/promcfg.go).
 */
export function rejected(kind: string): string {
  if (kind === 'Prometheus' || kind === 'PrometheusAgent') {
    return `the operator cannot generate the configuration of this ${kind}, so it stops reconciling it (status \`Reconciled: False\`) and no monitor or configuration change reaches its pods`;
  }
  if (kind === 'ScrapeConfig') return 'the ScrapeConfig is rejected (by the operator, or by Prometheus when it loads the generated configuration)';
  return `the operator rejects the whole ${kind} (none of its endpoints is scraped)`;
}
