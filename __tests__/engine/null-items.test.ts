// An empty list item is one problem (crd-schema), not a finding from every rule that reads items.
import { expect, test } from '@jest/globals';
import { lintText } from '../helpers/rules.js';

test('a null endpoint: crd-schema reports it, the endpoint rules do not', () => {
  const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  -
  - port: https-metrics
    scheme: https
    honorLabels: true
    bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
    tlsConfig: {insecureSkipVerify: true}
    path: /metrics/cadvisor
`;
  const serious = lintText(text).filter((f) => f.severity !== 'info');
  expect(serious.map((f) => `${f.ruleId} ${f.line}`)).toEqual(['crd-schema 7']);
});
