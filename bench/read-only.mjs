// The floor for any Node tool: find every *.yaml, *.yml and *.json file of a tree and read it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let bytes = 0;
let files = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') walk(path);
    } else if (/\.(ya?ml|json)$/.test(entry.name)) {
      bytes += readFileSync(path, 'utf8').length;
      files++;
    }
  }
}
walk(process.argv[2]);
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
