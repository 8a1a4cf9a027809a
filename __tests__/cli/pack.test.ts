// The published package: `npm pack`, then the tarball run with npx in an empty folder and, unpacked,
// with no node_modules anywhere (every dependency is bundled into dist/cli.js). npm runs with an
// unreachable registry and a private cache, which also proves that nothing is downloaded.
// Needs `npm run build` first (dist/cli.js is what gets packed).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXAMPLES, ROOT, assertBuilt, cleanEnv, parseReport, ruleFileIds, run, tempDirs, type RunResult } from './helpers.js';

const TIMEOUT = 120_000;
const temp = tempDirs('scrapelint-pack-');
afterAll(() => temp.cleanup());

interface PackEntry {
  filename: string;
  version: string;
  files: { path: string }[];
}

let work = '';
let npmEnv: NodeJS.ProcessEnv = {};

function npm(args: string[], cwd: string, bin = 'npm'): RunResult {
  return run(bin, args, { cwd, env: npmEnv, input: '', timeout: TIMEOUT - 10_000 });
}

function packJson(result: RunResult): PackEntry {
  if (result.status !== 0) throw new Error(`npm pack failed (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  // npm prints notices on stderr; stdout is the JSON (an array with one entry).
  const start = result.stdout.indexOf('[');
  return (JSON.parse(result.stdout.slice(start)) as PackEntry[])[0];
}

beforeAll(() => {
  assertBuilt();
  work = temp.make();
  npmEnv = cleanEnv({
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/', // nothing listens there: a network access fails fast
    npm_config_fetch_retries: '0',
    npm_config_offline: undefined,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_loglevel: 'error',
  });
}, TIMEOUT);

describe('npm pack --dry-run', () => {
  test(
    'lists dist/cli.js, package.json and every rules/*.yaml, and no sources or tests',
    () => {
      const entry = packJson(npm(['pack', '--dry-run', '--json'], ROOT));
      const paths = entry.files.map((f) => f.path).sort();
      expect(paths).toContain('dist/cli.js');
      expect(paths).toContain('package.json');
      expect(paths).toContain('LICENSE');
      expect(paths).toContain('rules/schema/rule.schema.json');
      expect(paths).toContain('rules/schema/definitions.yaml');
      for (const name of readdirSync(join(ROOT, 'rules')).filter((n) => /\.ya?ml$/.test(n))) expect(paths).toContain(`rules/${name}`);
      const unwanted = paths.filter((p) => /^(src|__tests__|scripts|node_modules|coverage|\.ci|\.git)\//.test(p) || (/\.ts$/.test(p) && !/\.d\.ts$/.test(p)));
      expect(unwanted).toEqual([]);
    },
    TIMEOUT,
  );
});

describe('the packed tarball', () => {
  let tarball = '';
  let entry: PackEntry;

  beforeAll(() => {
    const dest = join(work, 'pack');
    mkdirSync(dest, { recursive: true });
    entry = packJson(npm(['pack', '--pack-destination', dest, '--json'], ROOT));
    tarball = join(dest, entry.filename);
    if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
  }, TIMEOUT);

  test(
    'runs with `npx --yes ./scrapelint-<version>.tgz <examples>` in an empty folder, offline',
    () => {
      const dir = join(work, 'npx-run');
      mkdirSync(dir, { recursive: true });
      copyFileSync(tarball, join(dir, entry.filename));
      // A relative spec, as in the README: npm exec treats an existing absolute path as a command to run.
      const spec = `./${entry.filename}`;

      const text = npm(['--yes', spec, EXAMPLES], dir, 'npx');
      if (text.status !== 0 && text.status !== 1) throw new Error(`npx failed (exit ${text.status}):\n${text.stderr}\n${text.stdout}`);
      expect(text.status).toBe(1);
      expect(text.stdout).toMatch(/^\s+15:13\s+error\s+.+\s+kubelet-readonly-port\s*$/m);

      const json = npm(['--yes', spec, '--format', 'json', EXAMPLES], dir, 'npx');
      expect(json.status).toBe(1);
      const readonly = parseReport(json.stdout).findings.find((f) => f.ruleId === 'kubelet-readonly-port');
      expect(readonly).toBeDefined();
      expect(readonly!.file).toMatch(/^(\.\.\/)+.*examples\/kubelet-broken\.yaml$/);
      expect([readonly!.line, readonly!.column]).toEqual([15, 13]);
    },
    TIMEOUT,
  );

  test(
    'unpacked, runs with no node_modules anywhere: every dependency is bundled',
    () => {
      const dir = join(work, 'unpacked');
      mkdirSync(dir, { recursive: true });
      const untar = run('tar', ['-xzf', tarball, '-C', dir], {});
      expect(untar.status).toBe(0);
      const pkgDir = join(dir, 'package');
      for (let d = pkgDir; ; d = dirname(d)) {
        expect({ folder: d, nodeModules: existsSync(join(d, 'node_modules')) }).toEqual({ folder: d, nodeModules: false });
        if (dirname(d) === d) break;
      }

      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
        version: string;
        bin?: Record<string, string>;
        dependencies?: Record<string, string>;
      };
      expect(pkg.bin?.scrapelint?.replace(/^\.\//, '')).toBe('dist/cli.js');
      expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
      expect(readFileSync(join(pkgDir, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);

      const cli = join(pkgDir, 'dist', 'cli.js');
      const opts = { cwd: dir, env: cleanEnv(), input: '' };
      const lint = run(process.execPath, [cli, '--format', 'json', EXAMPLES], opts);
      expect(lint.stderr).toBe('');
      expect(lint.status).toBe(1);
      expect(parseReport(lint.stdout).findings.map((f) => f.ruleId)).toContain('kubelet-readonly-port');

      const rules = run(process.execPath, [cli, 'rules', '--format', 'json'], opts);
      expect(rules.status).toBe(0);
      expect((JSON.parse(rules.stdout) as { id: string }[]).map((r) => r.id).sort()).toEqual(ruleFileIds().map((r) => r.id));

      const version = run(process.execPath, [cli, '--version'], opts);
      expect(version.stdout).toBe(`${pkg.version}\n`);
    },
    TIMEOUT,
  );
});
