// A floor for any design that reports YAML syntax errors in every document, as scrapelint does:
// read every file and parse every document with js-yaml, the fastest well-kept YAML parser for
// JavaScript, without positions. (scrapelint's own reading is this plus recognising, rules, report.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

let documents = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') walk(path);
    } else if (/\.(ya?ml|json)$/.test(entry.name)) {
      try {
        loadAll(readFileSync(path, 'utf8'), () => documents++);
      } catch {
        // a syntax error: counted as found, the walk goes on
      }
    }
  }
}
walk(process.argv[2]);
process.stdout.write(`${JSON.stringify({ documents })}\n`);
