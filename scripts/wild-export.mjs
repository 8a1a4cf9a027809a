#!/usr/bin/env node
// Exports the "wild corpus" listed in __tests__/wild/repos.tsv from bare git mirrors.
// Usage: node scripts/wild-export.mjs [--out DIR] [--mirrors DIR] [names...]
//   --out      where to write OUT/<name>/ (default: ../wild next to the project root)
//   --mirrors  where the bare mirrors live, as <mirrors>/<owner>+<name>/.../ (default: /work/.mirror)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let out = resolve(root, '..', 'wild');
let mirrors = '/work/.mirror';
const names = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--out') out = resolve(argv[++i]);
  else if (argv[i] === '--mirrors') mirrors = resolve(argv[++i]);
  else if (argv[i] === '-h' || argv[i] === '--help') {
    console.log('usage: node scripts/wild-export.mjs [--out DIR] [--mirrors DIR] [names...]');
    process.exit(0);
  } else names.push(argv[i]);
}

const [header, ...lines] = readFileSync(join(root, '__tests__/wild/repos.tsv'), 'utf8').split('\n').filter((l) => l.trim());
const cols = header.split('\t');
const rows = lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
const unknown = names.filter((n) => !rows.some((r) => r.name === n));
if (unknown.length) console.error(`unknown names: ${unknown.join(', ')}`);

const isGitDir = (d) => existsSync(join(d, 'HEAD')) && existsSync(join(d, 'objects'));
// The bare git directory somewhere below <mirrors>/<owner>+<name>/ (breadth-first, a few levels deep).
function findGitDir(repo) {
  if (!existsSync(mirrors)) return null;
  const want = repo.replace('/', '+').toLowerCase();
  const top = readdirSync(mirrors).find((e) => e.toLowerCase() === want);
  if (!top) return null;
  let level = [join(mirrors, top)];
  for (let depth = 0; depth < 4 && level.length; depth++) {
    const found = level.find(isGitDir);
    if (found) return found;
    level = level.flatMap((d) => readdirSync(d).map((e) => join(d, e)).filter((p) => existsSync(p) && statSync(p).isDirectory()));
  }
  return null;
}

const countFiles = (d) =>
  readdirSync(d, { withFileTypes: true }).reduce((n, e) =>
    n + (e.isDirectory() ? countFiles(join(d, e.name)) : 1), 0);

// git archive <commit> -- <paths> | tar -x -C <dest>, without a shell.
function exportTree(gitDir, commit, paths, dest) {
  return new Promise((done) => {
    const git = spawn('git', [`--git-dir=${gitDir}`, 'archive', '--format=tar', commit, '--', ...paths],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', dest], { stdio: ['pipe', 'ignore', 'pipe'] });
    git.stdout.pipe(tar.stdin);
    let err = '';
    git.stderr.on('data', (b) => (err += b));
    tar.stderr.on('data', (b) => (err += b));
    let left = 2, ok = true;
    const end = (code) => { ok &&= code === 0; if (--left === 0) done(ok ? null : err.trim() || 'export failed'); };
    git.on('close', end);
    tar.on('close', end);
  });
}

let failed = 0;
mkdirSync(out, { recursive: true });
for (const row of rows.filter((r) => !names.length || names.includes(r.name))) {
  const fail = (why) => { failed++; console.log(`${row.name}\tFAILED: ${why}`); };
  const gitDir = findGitDir(row.repo);
  if (!gitDir) { fail(`no mirror of ${row.repo} under ${mirrors}`); continue; }
  const has = spawnSync('git', [`--git-dir=${gitDir}`, 'cat-file', '-e', `${row.commit}^{commit}`]);
  if (has.status !== 0) { fail(`commit ${row.commit} missing in ${gitDir}`); continue; }
  const dest = join(out, row.name);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const err = await exportTree(gitDir, row.commit, row.paths.split(/\s+/).filter(Boolean), dest);
  if (err) { fail(err.split('\n')[0]); continue; }
  const n = statSync(dest).isDirectory() ? countFiles(dest) : 0;
  if (n === 0) { fail('no files exported'); continue; }
  console.log(`${row.name}\t${n} files\t${row.repo}@${row.commit.slice(0, 12)}\t${row.paths}`);
}
if (failed) {
  console.error(`${failed} repo(s) could not be exported`);
  process.exit(1);
}
