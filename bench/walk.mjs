// The baselines' file walk: every *.yaml, *.yml and *.json file under a folder, skipping
// node_modules and .git (as scrapelint does), read as UTF-8.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function forEachManifestFile(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') forEachManifestFile(path, visit);
    } else if (/\.(ya?ml|json)$/.test(entry.name)) {
      visit(readFileSync(path, 'utf8'), path);
    }
  }
}
