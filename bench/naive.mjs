// The naive design: read every file and parse every document fully with `yaml`, keeping node
// ranges (what exact positions need), before any rule runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';

let documents = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') walk(path);
    } else if (/\.(ya?ml|json)$/.test(entry.name)) {
      const lineCounter = new LineCounter();
      const docs = parseAllDocuments(readFileSync(path, 'utf8'), { lineCounter });
      for (const doc of Array.isArray(docs) ? docs : []) {
        doc.toJS();
        documents++;
      }
    }
  }
}
walk(process.argv[2]);
process.stdout.write(`${JSON.stringify({ documents })}\n`);
