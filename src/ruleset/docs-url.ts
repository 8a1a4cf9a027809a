// Where each rule's documentation lives.

export const HOMEPAGE = 'https://github.com/scrapelint/scrapelint';

export function docsUrl(ruleId: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${ruleId}.md`;
}

/** A rule's documentation: its own `docs.url`, docs/rules/<id>.md for scrapelint's rules, else its rule file. */
export function ruleDocsUrl(rule: { id: string; builtin: boolean; file: string; docs: { url?: string } }): string {
  return rule.docs.url ?? (rule.builtin ? docsUrl(rule.id) : rule.file);
}
