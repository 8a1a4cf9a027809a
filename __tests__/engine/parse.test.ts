// Reading input files, as a user sees it through `lint()` with the built-in rules: positions in
// multi-document YAML, JSON, CRLF and odd layouts; parse errors; unrendered templates; documents
// that are not ours to judge.
import { describe, expect, test } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { applyEdits } from '../../src/yaml/edits.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintHeadline as lintText, rules } from '../helpers/rules.js';
import { lint } from '../../src/engine/lint.js';

/** `ruleId line:column-endLine:endColumn` for compact comparisons. */
const where = (f: Finding) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
const only = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
const fixAll = (text: string, findings: Finding[]) => applyEdits(text, findings.flatMap((f) => f.fix?.edits ?? []));

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in text`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

/** A kubelet ServiceMonitor whose only endpoint is on `port` (line 8, the value at column 11). */
const kubeletMonitor = (port = 'http-metrics') => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: monitoring}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  namespaceSelector: {matchNames: [kube-system]}
  endpoints:
  - port: ${port}
    scheme: https
    honorLabels: true
    authorization: {credentials: {name: kubelet-token, key: token}}
    tlsConfig: {insecureSkipVerify: true}
`;

/** A kubelet endpoint that every built-in rule accepts, apart from `honorLabels`. */
const httpsMonitor = (honorLabels: string) => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  namespaceSelector: {matchNames: [kube-system]}
  endpoints:
  - port: https-metrics
    scheme: https
    honorLabels:${honorLabels === '' ? '' : ` ${honorLabels}`}
    authorization: {credentials: {name: kubelet-token, key: token}}
    tlsConfig: {insecureSkipVerify: true}
`;

describe('positions', () => {
  test('the clean kubelet monitor used below has exactly one finding, on line 8', () => {
    expect(lintText(kubeletMonitor()).map(where)).toEqual(['kubelet-readonly-port 8:11-8:23']);
    expect(lintText(kubeletMonitor('https-metrics'))).toEqual([]);
  });

  test('a finding in the third document of a file has the line and column of that document', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: kubelet}\n---\n${kubeletMonitor('https-metrics')}---\n${kubeletMonitor()}`;
    const findings = lintText(text);
    const expected = positionOf(text, 'http-metrics', 0);
    expect(expected).toEqual({ line: 25, column: 11 });
    expect(findings.map(where)).toEqual(['kubelet-readonly-port 25:11-25:23']);
    expect(findings[0].file).toBe('test.yaml');
    expect(text.slice(...findings[0].range)).toBe('http-metrics');
  });

  test('JSON input is linted, with positions in the JSON text (the string with its quotes)', () => {
    const manifest = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'kubelet' },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kubelet' } },
        namespaceSelector: { matchNames: ['kube-system'] },
        endpoints: [{ port: 'http-metrics' }],
      },
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    const findings = lintText(text, 'monitor.json');
    const readonly = only(findings, 'kubelet-readonly-port');
    const { line, column } = positionOf(text, '"http-metrics"');
    expect(readonly.map(where)).toEqual([`kubelet-readonly-port ${line}:${column}-${line}:${column + '"http-metrics"'.length}`]);
    expect(readonly[0].file).toBe('monitor.json');
    expect(only(findings, 'parse-error')).toEqual([]);
  });

  test('a kind: List has its items linted, with positions inside the items', () => {
    const items = kubeletMonitor()
      .split('\n')
      .map((l, i) => (l === '' ? l : i === 0 ? `- ${l}` : `  ${l}`))
      .join('\n');
    const text = `apiVersion: v1\nkind: List\nitems:\n${items}`;
    expect(lintText(text).map(where)).toEqual(['kubelet-readonly-port 11:13-11:25']);
  });

  test('the fix of a finding inside a List item keeps the item indentation', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata: {name: kubelet}
  spec:
    selector: {matchLabels: {k8s-app: kubelet}}
    namespaceSelector: {matchNames: [kube-system]}
    endpoints:
    - port: https-metrics
      scheme: https
      authorization: {credentials: {name: kubelet-token, key: token}}
      tlsConfig: {insecureSkipVerify: true}
`;
    const findings = lintText(text);
    // A missing key: the finding is on the list item.
    expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(['kubelet-honor-labels 11:7']);
    expect(fixAll(text, findings)).toBe(text.replace('      tlsConfig: {insecureSkipVerify: true}\n', '      tlsConfig: {insecureSkipVerify: true}\n      honorLabels: true\n'));
  });

  test('a document indented by one space', () => {
    const text = kubeletMonitor()
      .split('\n')
      .map((l) => (l === '' ? l : ` ${l}`))
      .join('\n');
    expect(lintText(text).map(where)).toEqual(['kubelet-readonly-port 8:12-8:24']);
  });

  test('a file without a final newline has the same positions, and its fix stays without one', () => {
    const withNewline = httpsMonitor('false');
    const text = withNewline.trimEnd();
    const findings = lintText(text);
    expect(findings.map(where)).toEqual(lintText(withNewline).map(where));
    expect(findings.map(where)).toEqual(['kubelet-honor-labels 10:18-10:23']);
    expect(fixAll(text, findings)).toBe(text.replace('honorLabels: false', 'honorLabels: true'));
  });

  test('a last line that ends the file without a newline gets its insertion after it', () => {
    const text = httpsMonitor('true').replace('    honorLabels: true\n', '').trimEnd();
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(['kubelet-honor-labels 8:5']);
    expect(fixAll(text, findings)).toBe(`${text}\n    honorLabels: true`);
  });

  test('CRLF files give the same lines and columns as LF files', () => {
    const lf = `${kubeletMonitor('https-metrics')}---\n${kubeletMonitor()}---\n${httpsMonitor('no')}`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const lfFindings = lintText(lf).map(where);
    expect(lfFindings).toEqual(['kubelet-readonly-port 21:11-21:23', 'kubelet-honor-labels 36:18-36:20']);
    expect(lintText(crlf).map(where)).toEqual(lfFindings);
  });

  test('the fixes of a CRLF file insert CRLF line endings only', () => {
    const lf = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: monitoring}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  namespaceSelector: {matchNames: [kube-system]}
  endpoints:
  - port: http-metrics
    path: /metrics/cadvisor
`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const findings = lintText(crlf);
    const inserted = findings.flatMap((f) => f.fix?.edits ?? []).map((e) => e.text).join('');
    expect(inserted).toContain('\r\n');
    expect(inserted.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const fixed = fixAll(crlf, findings);
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(fixed).toBe(fixAll(lf, lintText(lf)).replace(/\n/g, '\r\n'));
    expect(only(lintText(fixed), 'kubelet-readonly-port')).toEqual([]);
  });

  const oneLine =
    '{apiVersion: monitoring.coreos.com/v1, kind: ServiceMonitor, metadata: {name: kubelet}, spec: {selector: {matchLabels: {k8s-app: kubelet}}, namespaceSelector: {matchNames: [kube-system]}, endpoints: [{port: http-metrics}]}}\n';

  test('a finding on line 1 of a file without a BOM', () => {
    const column = oneLine.indexOf('http-metrics') + 1;
    expect(lintText(oneLine).map(where)).toEqual([`kubelet-readonly-port 1:${column}-1:${column + 12}`]);
  });

  test('a BOM at the start of the file does not shift columns on line 1', () => {
    const column = oneLine.indexOf('http-metrics') + 1;
    expect(lintText(`\uFEFF${oneLine}`).map(where)).toEqual([`kubelet-readonly-port 1:${column}-1:${column + 12}`]);
  });

  test('a BOM does not shift lines after line 1', () => {
    expect(lintText(`\uFEFF${kubeletMonitor()}`).map(where)).toEqual(['kubelet-readonly-port 8:11-8:23']);
  });

  test('`honorLabels:` with no value: the finding points at the key', () => {
    expect(lintText(httpsMonitor('')).map(where)).toEqual(['kubelet-honor-labels 10:5-10:16']);
  });
});

describe('parse errors', () => {
  test('a syntax error in the first document is one parse-error at the parser position; the second document is still linted', () => {
    const first = `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: envoy-stats-monitor
    namespace: istio-system
`;
    const text = `${first}---\n${kubeletMonitor()}`;
    const findings = lintText(text);
    const parseErrors = only(findings, 'parse-error');
    expect(parseErrors).toHaveLength(1);
    expect(parseErrors[0].severity).toBe('error');
    const [parsed] = parseAllDocuments(text, { version: '1.1' });
    const parserAt = 'errors' in parsed ? parsed.errors[0].linePos?.[0] : undefined;
    expect(parserAt).toEqual({ line: 4, col: 9 });
    expect({ line: parseErrors[0].line, column: parseErrors[0].column }).toEqual({ line: 4, column: 9 });
    expect(parseErrors[0].message).toContain('YAML syntax error');
    // The second document: its kubelet endpoint on the read-only port is reported.
    expect(only(findings, 'kubelet-readonly-port').map(where)).toEqual(['kubelet-readonly-port 14:11-14:23']);
    expect(findings).toHaveLength(2);
  });

  test('a syntax error in a flow collection of the first document, a Service the rules compare monitors with', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: [x}\n---\n${kubeletMonitor()}`;
    const findings = lintText(text);
    expect(only(findings, 'parse-error')).toHaveLength(1);
    expect(only(findings, 'parse-error')[0].message).toContain('This Service cannot be compared with the monitors that select it until it parses.');
    expect(only(findings, 'kubelet-readonly-port').map(where)).toEqual(['kubelet-readonly-port 12:11-12:23']);
  });

  test('a syntax error in a document that is none of ours (a ConfigMap, a StorageClass template) is counted, not reported', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x}\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nparameters:\n  type: "pd-ssd\n---\n${kubeletMonitor()}`;
    const result = lint([{ file: 'test.yaml', text }], { rules });
    expect(only(result.findings, 'parse-error')).toEqual([]);
    expect(result.unreadable).toBe(2);
    expect(only(result.findings, 'kubelet-readonly-port')).toHaveLength(1);
  });

  test('a JSON file with // comments, trailing commas and no apiVersion (a tsconfig.json) is not reported', () => {
    const tsconfig = `{
  // Compiler options
  "compilerOptions": {
    "strict": true, // always
    "target": "ES2022",
  },
}
`;
    expect(lintText(tsconfig, 'tsconfig.json')).toEqual([]);
  });

  test('duplicate keys are a parse-error at the second key, and the document is not linted', () => {
    const text = kubeletMonitor().replace('    scheme: https\n', '    scheme: https\n    scheme: http\n');
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}`)).toEqual(['parse-error error 10:5']);
    expect(findings[0].message).toMatch(/unique/i);
  });

  test('the parse-error of a CRLF file is at the same line and column as for LF', () => {
    const lf = `apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: x\n    namespace: y\n`;
    const lfAt = lintText(lf).map(where);
    expect(lfAt).toEqual(['parse-error 4:9-4:10']);
    expect(lintText(lf.replace(/\n/g, '\r\n')).map(where)).toEqual(lfAt);
  });
});

describe('unrendered templates', () => {
  test('a Helm template that does not parse: template-skipped (info) at the marker, no rule findings', () => {
    const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  - port: http-metrics
`;
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}`)).toEqual(['template-skipped info 4:9']);
  });

  test('a document that parses but has "{{ .Values.x }}" in a value: template-skipped, no rule findings', () => {
    const text = kubeletMonitor().replace('    scheme: https\n', '    scheme: https\n    interval: "{{ .Values.interval }}"\n');
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}`)).toEqual(['template-skipped info 10:16']);
  });

  test('a document that parses but has an unquoted {{ .Values.x }} value: template-skipped, no rule findings', () => {
    const text = kubeletMonitor().replace('    scheme: https\n', '    scheme: https\n    interval: {{ .Values.interval }}\n');
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}`)).toEqual(['template-skipped info 10:15']);
  });

  test('a template in the first document does not stop the second from being linted', () => {
    const text = `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: x\n  labels:\n    {{- include "labels" . | nindent 4 }}\n---\n${kubeletMonitor()}`;
    expect(lintText(text).map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(['template-skipped 6:5', 'kubelet-readonly-port 15:11']);
  });

  test('${1} in a relabel replacement is a value, not a template', () => {
    const text = kubeletMonitor().replace(
      '    tlsConfig:',
      '    relabelings:\n    - sourceLabels: [__meta_kubernetes_node_name]\n      regex: (.+)\n      targetLabel: node\n      replacement: ${1}\n    tlsConfig:',
    );
    const findings = lintText(text);
    expect(findings.map(where)).toEqual(['kubelet-readonly-port 8:11-8:23']);
  });

  test('${NAMESPACE} is a template placeholder', () => {
    const text = kubeletMonitor().replace('metadata: {name: kubelet, namespace: monitoring}', 'metadata:\n  name: kubelet\n  namespace: ${NAMESPACE}');
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}`)).toEqual(['template-skipped info 5:14']);
  });

  test('${NAMESPACE} inside a flow mapping (which then does not parse) is a template too', () => {
    const text = kubeletMonitor().replace('namespace: monitoring', 'namespace: ${NAMESPACE}');
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['template-skipped info']);
  });

  test('templates in documents that are not monitoring objects are not reported', () => {
    expect(lintText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  {{- include "x" . | nindent 2 }}\n  name: y\n')).toEqual([]);
    expect(lintText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "{{ .Values.x }}"}\n')).toEqual([]);
  });
});

describe('documents that are not ours', () => {
  test('another API group that reuses the kind (azmonitoring.coreos.com/v1 ServiceMonitor) is passed over', () => {
    expect(lintText(kubeletMonitor().replace('monitoring.coreos.com/v1', 'azmonitoring.coreos.com/v1'))).toEqual([]);
  });

  test('YAML with kind: ServiceMonitor but no apiVersion is passed over', () => {
    expect(lintText(kubeletMonitor().replace('apiVersion: monitoring.coreos.com/v1\n', ''))).toEqual([]);
  });

  test('a top-level sequence (a JSON6902 patch) is passed over', () => {
    const patch = `- op: replace\n  path: /spec/endpoints/0/port\n  value: http-metrics\n- op: add\n  path: /kind\n  value: ServiceMonitor\n`;
    expect(lintText(patch)).toEqual([]);
    expect(lintText(JSON.stringify([{ op: 'replace', path: '/kind', value: 'ServiceMonitor' }]), 'patch.json')).toEqual([]);
  });
});

describe('YAML 1.1, as Kubernetes reads it', () => {
  test('honorLabels: yes is true', () => {
    expect(lintText(httpsMonitor('yes'))).toEqual([]);
    expect(lintText(httpsMonitor('on'))).toEqual([]);
  });

  test('honorLabels: no is false', () => {
    expect(lintText(httpsMonitor('no')).map(where)).toEqual(['kubelet-honor-labels 10:18-10:20']);
  });

  test('honorLabels: "yes" (quoted) is a string, not true', () => {
    expect(lintText(httpsMonitor('"yes"')).map(where)).toEqual(['kubelet-honor-labels 10:18-10:23']);
  });
});

describe('fixes keep the file format', () => {
  test('a fixed .json file is still JSON', () => {
    const text = `${JSON.stringify(
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'kubelet' },
        spec: {
          selector: { matchLabels: { 'k8s-app': 'kubelet' } },
          namespaceSelector: { matchNames: ['kube-system'] },
          endpoints: [{ port: 'http-metrics' }],
        },
      },
      null,
      2,
    )}\n`;
    const findings = lintText(text, 'monitor.json');
    expect(findings.some((f) => f.fix)).toBe(true);
    const fixed = fixAll(text, findings);
    expect(() => JSON.parse(fixed)).not.toThrow();
  });

  test('`honorLabels:` with no value is fixed to `honorLabels: true`', () => {
    const text = httpsMonitor('');
    const findings = lintText(text);
    const fixed = fixAll(text, findings);
    expect(fixed).toBe(httpsMonitor('true'));
    expect(lintText(fixed)).toEqual([]);
  });
});
