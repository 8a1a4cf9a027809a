// Where each rule's documentation lives.

export const HOMEPAGE = 'https://github.com/scrapelint/scrapelint';

export function docsUrl(ruleId: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${ruleId}.md`;
}
