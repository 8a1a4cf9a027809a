// tls-config-invalid: what the operator (TLSConfig.Validate, SafeTLSConfig.Validate,
// SecretOrConfigMap.Validate) rejects in one tlsConfig. Options: `files: true` where the file
// fields exist (ServiceMonitor endpoints); elsewhere the API server drops caFile, certFile and
// keyFile, so they count as absent (and the message says so).
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { isNonEmptyString, isSecretOrConfigMapSet, isSet, rejected } from './common.js';

const TLS_VERSIONS = ['TLS10', 'TLS11', 'TLS12', 'TLS13'];

export const tlsConfigInvalid: CheckFunction = ({ value, object, options }) => {
  if (!isObject(value)) return [];
  const kind = object.kind;
  const files = isObject(options) && options.files === true;
  const reports: CheckReport[] = [];
  const report = (at: (string | number)[], detail: string, atKey = true) => reports.push({ at, atKey, data: { detail } });
  const dropped = (field: string) =>
    !files && field in value ? ` (\`${field}\` exists only in ServiceMonitor endpoints; the API server drops it here, so use \`${field === 'certFile' ? 'cert' : 'keySecret'}\`)` : '';

  for (const field of ['ca', 'cert']) {
    const ref = value[field];
    if (isObject(ref) && isSet(ref.secret) && isSet(ref.configMap)) {
      report([field, 'configMap'], `\`${field}\` names both a \`secret\` and a \`configMap\` ("cannot specify both Secret and ConfigMap"): ${rejected(kind)}. Keep the one that holds the ${field === 'ca' ? 'CA certificate' : 'client certificate'}.`);
    }
  }

  const ca = isSecretOrConfigMapSet(value.ca);
  const cert = isSecretOrConfigMapSet(value.cert);
  const keySecret = isSet(value.keySecret);
  const caFile = files && isNonEmptyString(value.caFile);
  const certFile = files && isNonEmptyString(value.certFile);
  const keyFile = files && isNonEmptyString(value.keyFile);
  if (ca && caFile) {
    report(['caFile'], `\`ca\` and \`caFile\` both set the CA ("cannot specify both 'caFile' and 'ca'"): ${rejected(kind)}. Keep one: \`ca\` (a Secret or ConfigMap key) or \`caFile\` (a file in the Prometheus container).`);
  }
  if (cert && certFile) {
    report(['certFile'], `\`cert\` and \`certFile\` both set the client certificate ("cannot specify both 'certFile' and 'cert'"): ${rejected(kind)}. Keep one: \`cert\` (a Secret or ConfigMap key) or \`certFile\` (a file in the Prometheus container).`);
  }
  if (keySecret && keyFile) {
    report(['keyFile'], `\`keySecret\` and \`keyFile\` both set the client key ("cannot specify both 'keyFile' and 'keySecret'"): ${rejected(kind)}. Keep one: \`keySecret\` (a Secret key) or \`keyFile\` (a file in the Prometheus container).`);
  }

  const hasCert = cert || certFile;
  const hasKey = keySecret || keyFile;
  if (hasCert && !hasKey) {
    report([cert ? 'cert' : 'certFile'], `A client certificate without a client key ("client cert specified without client key"): ${rejected(kind)}. Add \`keySecret: {name: <secret>, key: <key>}\`${files ? ' (or `keyFile`)' : ''}, the private key of this certificate (often \`tls.key\` in the same Secret as \`tls.crt\`)${dropped('keyFile')}.`);
  }
  if (hasKey && !hasCert) {
    report([keySecret ? 'keySecret' : 'keyFile'], `A client key without a client certificate ("client key specified without client cert"): ${rejected(kind)}. Add \`cert: {secret: {name: <secret>, key: <key>}}\`${files ? ' (or `certFile`)' : ''}, the certificate of this key (often \`tls.crt\` beside \`tls.key\`)${dropped('certFile')}.`);
  }

  const min = TLS_VERSIONS.indexOf(String(value.minVersion));
  const max = TLS_VERSIONS.indexOf(String(value.maxVersion));
  if (min >= 0 && max >= 0 && max < min) {
    report(['maxVersion'], `\`maxVersion: ${TLS_VERSIONS[max]}\` is below \`minVersion: ${TLS_VERSIONS[min]}\`, so no TLS version is allowed ("maxVersion must be greater than or equal to minVersion"): ${rejected(kind)}. Raise \`maxVersion\` to at least ${TLS_VERSIONS[min]}, or lower \`minVersion\`.`, false);
  }
  return reports;
};
