// SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif) and other viewers.
import type { Finding } from '../engine/finding.js';
import type { Rule, Severity } from '../ruleset/types.js';
import { HOMEPAGE, ruleDocsUrl } from '../ruleset/docs-url.js';
import { findingKey } from '../engine/baseline.js';
import { sha256 } from './hash.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  version: string;
}

export function toSarif(findings: readonly Finding[], rules: readonly Rule[], options: SarifOptions): object {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const seen = new Map<string, number>();
  const fingerprintOf = (f: Finding) => {
    // What the finding is about (findingKey), not its line or message; a count tells apart the same
    // finding twice (two endpoints of one object reported at the object, say).
    const base = sha256(findingKey(f));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}:${n}`;
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'scrapelint',
            version: options.version,
            semanticVersion: options.version,
            informationUri: HOMEPAGE,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.docs.why.trim() },
              help: { text: `${rule.description} See ${ruleDocsUrl(rule)}`, markdown: `${rule.docs.why.trim()}\n\n[Documentation](${ruleDocsUrl(rule)})` },
              helpUri: ruleDocsUrl(rule),
              defaultConfiguration: { level: LEVEL[rule.severity], enabled: rule.enabled },
              properties: { tags: ['prometheus-operator', ...rule.kinds] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory scrapelint ran in.' } } },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          ...(f.related
            ? {
                relatedLocations: f.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' },
                    region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
                  },
                })),
              }
            : {}),
          partialFingerprints: { 'scrapelint/v2': fingerprintOf(f) },
        })),
      },
    ],
  };
}

