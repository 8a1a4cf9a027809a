// Hostile repositories: files that are symbolic links out of the repository (to /dev/zero, to
// /etc/passwd), special files (FIFOs), files past their bound, and configuration that names files
// outside the repository. Each ends with one line naming the file and exit code 2, in bounded
// time and memory, and never quotes a byte of the file refused (src/node/safe-files.ts). The
// Action never writes SARIF through a symbolic link the pull request added.
//
// The CLI tests run the built CLI (dist/cli.js), with a timeout far below jest's: a read that
// blocked (a FIFO) or never ended (/dev/zero) fails here instead of hanging.
// Build first: node scripts/build.mjs.
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BROKEN, CLI, assertBuilt, cleanEnv, expectCleanError, parseReport, run, tempDirs, writeTree, type RunResult } from '../cli/helpers.js';
import { makeSandbox, pushEvent, runAction, sha } from '../action/run-action.js';
import { readStandardInput } from '../../src/node/read-inputs.js';
import { LIMITS } from '../../src/node/safe-files.js';

const temp = tempDirs('scrapelint-hostile-files-');
afterAll(() => temp.cleanup());

/** The CLI, stopped after 30 s (a run that reads /dev/zero or waits on a FIFO would never end). */
function cli(args: string[], cwd: string, input = ''): RunResult {
  assertBuilt();
  return run(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(), input, timeout: 30_000 });
}

/** A repository (a folder with .git) holding the given files. */
function repo(files: Record<string, string> = {}): string {
  const dir = temp.make();
  writeTree(dir, { '.git/HEAD': 'ref: refs/heads/main\n', 'deploy/kubelet.yaml': BROKEN, ...files });
  return dir;
}

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
/** A file of `size` bytes that takes no room (a hole). */
const sparse = (path: string, size: number) => {
  writeFileSync(path, '');
  truncateSync(path, size);
};
/** The first bytes of /etc/passwd: never in any message. */
const PASSWD_BYTES = readFileSync('/etc/passwd', 'utf8').slice(0, 8);

describe('a symbolic link to /dev/zero is refused, not read until memory runs out', () => {
  test.each([
    ['.gitignore', ['.'], /^scrapelint: cannot read \.gitignore: it is a symbolic link that leads outside the repository \(to \/dev\/zero\)$/],
    ['deploy/.gitignore', ['deploy'], /^scrapelint: cannot read deploy\/\.gitignore: it is a symbolic link that leads outside the repository \(to \/dev\/zero\)$/],
    ['.scrapelint.yaml', ['.'], /^scrapelint: cannot read \.scrapelint\.yaml: it is a symbolic link that leads outside the repository \(to \/dev\/zero\)$/],
    ['.scrapelint-baseline.json', ['.'], /^scrapelint: cannot read \.scrapelint-baseline\.json: it is a symbolic link that leads outside the repository \(to \/dev\/zero\)$/],
    ['deploy/zero.yaml', ['deploy/zero.yaml'], /^scrapelint: cannot read deploy\/zero\.yaml: it is a symbolic link that leads outside the repository \(to \/dev\/zero\)$/],
  ])('%s', (link, args, message) => {
    const dir = repo();
    symlinkSync('/dev/zero', join(dir, link));
    expectCleanError(cli(['--format', 'json', ...args], dir), message);
  });

  test('a folder that is not a repository is its own root: the same refusal', () => {
    const dir = temp.make();
    writeTree(dir, { 'kubelet.yaml': BROKEN });
    symlinkSync('/dev/zero', join(dir, '.gitignore'));
    expectCleanError(cli(['.'], dir), /^scrapelint: cannot read \.gitignore: it is a symbolic link that leads outside/);
  });

  test('the baseline named by --write-baseline is not written through a link either', () => {
    const dir = repo();
    const outside = temp.make();
    writeFileSync(join(outside, 'victim.json'), 'precious\n');
    symlinkSync(join(outside, 'victim.json'), join(dir, '.scrapelint-baseline.json'));
    expectCleanError(cli(['--write-baseline', '.'], dir), /^scrapelint: cannot read \.scrapelint-baseline\.json: it is a symbolic link that leads outside the repository/);
    expect(readFileSync(join(outside, 'victim.json'), 'utf8')).toBe('precious\n');
  });
});

describe('special files (a FIFO) are refused, never opened to block', () => {
  test.each([
    ['.gitignore', ['.'], /^scrapelint: cannot read \.gitignore: it is a named pipe \(FIFO\), not a regular file$/],
    ['.scrapelint.yaml', ['.'], /^scrapelint: cannot read \.scrapelint\.yaml: it is a named pipe \(FIFO\), not a regular file$/],
    ['.scrapelint-baseline.json', ['.'], /^scrapelint: cannot read \.scrapelint-baseline\.json: it is a named pipe \(FIFO\), not a regular file$/],
  ])('%s as a FIFO', (name, args, message) => {
    const dir = repo();
    mkfifo(join(dir, name));
    expectCleanError(cli(args, dir), message);
  });

  test('a manifest named on the command line that is a FIFO, or a link to one', () => {
    const dir = repo();
    mkfifo(join(dir, 'deploy/pipe.yaml'));
    symlinkSync('pipe.yaml', join(dir, 'deploy/to-pipe.yaml'));
    expectCleanError(cli(['deploy/pipe.yaml'], dir), /^scrapelint: not a file or folder: deploy\/pipe\.yaml$/);
    expectCleanError(cli(['deploy/to-pipe.yaml'], dir), /^scrapelint: cannot read deploy\/to-pipe\.yaml: it is a named pipe \(FIFO\), not a regular file$/);
  });

  test('a FIFO named *.yaml in a walked folder is not a manifest: skipped like a link, the rest linted', () => {
    const dir = repo();
    mkfifo(join(dir, 'deploy/pipe.yaml'));
    const result = cli(['--format', 'json', '.'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).summary.files).toBe(1);
  });

  test('a custom rule file that is a FIFO: at the customRules entry', () => {
    const dir = repo({ '.scrapelint.yaml': 'customRules:\n  - lint/\n', 'lint/': '' });
    mkfifo(join(dir, 'lint/rule.yaml'));
    expectCleanError(
      cli(['.'], dir),
      /^scrapelint: invalid configuration: \.scrapelint\.yaml:2:5: customRules\[0\]: cannot read lint\/rule\.yaml: it is a named pipe \(FIFO\), not a regular file$/,
    );
  });

  test('baseline: naming a FIFO in the configuration: at the key', () => {
    const dir = repo({ '.scrapelint.yaml': 'baseline: ci/base.json\n', 'ci/': '' });
    mkfifo(join(dir, 'ci/base.json'));
    expectCleanError(cli(['.'], dir), /^scrapelint: invalid configuration: \.scrapelint\.yaml:1:11: baseline: ci\/base\.json is not a regular file$/);
  });
});

describe('files past their bound are refused, naming the file and the bound', () => {
  test('a manifest of 64 MiB + 1 byte', () => {
    const dir = repo();
    sparse(join(dir, 'deploy/huge.yaml'), LIMITS.manifest + 1);
    expectCleanError(cli(['.'], dir), /^scrapelint: cannot read deploy\/huge\.yaml: it is larger than 64 MiB, the most scrapelint reads from a manifest$/);
  });

  test('a manifest of exactly 64 MiB is read (the bound is inclusive)', () => {
    const dir = repo();
    writeFileSync(join(dir, 'deploy/big.yaml'), `# ${'x'.repeat(LIMITS.manifest - 3)}\n`);
    const result = cli(['--format', 'json', 'deploy/big.yaml'], dir);
    // Read, not refused: the only word on stderr is that it holds no monitoring object.
    expect(result.stderr).toMatch(/^scrapelint: warning: no monitoring object .* in the file read; check the paths\n$/);
    expect(result.status).toBe(0);
  });

  test.each([
    ['.gitignore', LIMITS.gitignore, /^scrapelint: cannot read \.gitignore: it is larger than 1 MiB, the most scrapelint reads from a \.gitignore$/],
    ['.scrapelint.yaml', LIMITS.config, /^scrapelint: cannot read \.scrapelint\.yaml: it is larger than 1 MiB, the most scrapelint reads from a configuration file$/],
    ['.scrapelint-baseline.json', LIMITS.baseline, /^scrapelint: cannot read \.scrapelint-baseline\.json: it is larger than 16 MiB, the most scrapelint reads from a baseline$/],
  ])('%s one byte past its bound', (name, bound, message) => {
    const dir = repo();
    sparse(join(dir, name), bound + 1);
    expectCleanError(cli(['.'], dir), message);
  });

  test('a custom rule file one byte past its bound: at the entry', () => {
    const dir = repo({ '.scrapelint.yaml': 'customRules: [lint/big.yaml]\n', 'lint/': '' });
    sparse(join(dir, 'lint/big.yaml'), LIMITS.customRule + 1);
    expectCleanError(cli(['.'], dir), /^scrapelint: invalid configuration: \.scrapelint\.yaml:1:15: customRules\[0\]: cannot read lint\/big\.yaml: it is larger than 1 MiB/);
  });

  test('standard input is read up to its bound and no further, whatever the producer sends', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    // A producer that never stops (`yes |`): the reader must stop it.
    const endless = new Readable({
      read() {
        sent += chunk.length;
        this.push(chunk);
      },
    });
    await expect(readStandardInput(endless, 4 * 1024 * 1024)).rejects.toThrow('cannot read standard input: it is larger than 4 MiB, the most scrapelint reads from it');
    expect(sent).toBeLessThan(16 * 1024 * 1024);
    expect(endless.destroyed).toBe(true);
    await expect(readStandardInput(Readable.from([Buffer.from('a: 1\n')]))).resolves.toBe('a: 1\n');
  });
});

describe('configuration naming files outside the repository: refused at the key, the file never quoted', () => {
  test('customRules: [/etc/passwd]', () => {
    const dir = repo({ '.scrapelint.yaml': 'customRules: [/etc/passwd]\n' });
    const line = expectCleanError(cli(['.'], dir), /^scrapelint: invalid configuration: \.scrapelint\.yaml:1:15: customRules\[0\]: \/etc\/passwd is outside the repository \(/);
    expect(line).not.toContain(PASSWD_BYTES);
  });

  test('customRules: [../outside/] (a relative path that leaves it)', () => {
    const dir = repo({ '.scrapelint.yaml': 'customRules:\n  - lint/\n  - ../outside/\n', 'lint/': '' });
    expectCleanError(cli(['.'], dir), /^scrapelint: invalid configuration: \.scrapelint\.yaml:3:5: customRules\[1\]: \.\.\/outside\/ is outside the repository/);
  });

  test('a custom rule file inside the folder that is a link to /etc/passwd', () => {
    const dir = repo({ '.scrapelint.yaml': 'customRules: [lint/]\n', 'lint/': '' });
    symlinkSync('/etc/passwd', join(dir, 'lint/passwd.yaml'));
    const result = cli(['.'], dir);
    expectCleanError(result, /^scrapelint: invalid configuration: \.scrapelint\.yaml:1:15: customRules\[0\]: cannot read lint\/passwd\.yaml: it is a symbolic link that leads outside the repository \(to \/etc\/passwd\)$/);
    expect(result.stderr).not.toContain(PASSWD_BYTES);
  });

  test('a customRules folder that is a link out of the repository', () => {
    const dir = repo({ '.scrapelint.yaml': 'customRules: [lint]\n' });
    symlinkSync('/etc', join(dir, 'lint'));
    expectCleanError(cli(['.'], dir), /^scrapelint: invalid configuration: \.scrapelint\.yaml:1:15: customRules\[0\]: lint is a symbolic link that leads outside the repository \(to \/etc\)$/);
  });

  test('baseline: /etc/passwd (once printed its first bytes)', () => {
    const dir = repo({ '.scrapelint.yaml': 'baseline: /etc/passwd\n' });
    const result = cli(['.'], dir);
    expectCleanError(result, /^scrapelint: invalid configuration: \.scrapelint\.yaml:1:11: baseline: \/etc\/passwd is outside the repository \(.*\); the baseline is read from inside it$/);
    expect(result.stderr).not.toContain(PASSWD_BYTES);
  });

  test('baseline: a file in the repository that is a link to /etc/passwd', () => {
    const dir = repo({ '.scrapelint.yaml': 'baseline: ci/base.json\n', 'ci/': '' });
    symlinkSync('/etc/passwd', join(dir, 'ci/base.json'));
    const result = cli(['.'], dir);
    expectCleanError(result, /^scrapelint: invalid configuration: \.scrapelint\.yaml:1:11: baseline: ci\/base\.json is a symbolic link that leads outside the repository \(to \/etc\/passwd\)$/);
    expect(result.stderr).not.toContain(PASSWD_BYTES);
  });

  test('a baseline inside the repository that is not JSON: said so, with the place, not with its bytes', () => {
    const dir = repo({ '.scrapelint-baseline.json': 'SECRET-TOKEN-0123 is not json\n' });
    const result = cli(['.'], dir);
    expectCleanError(result, /^scrapelint: \.scrapelint-baseline\.json: not JSON \(an unexpected character\)$/);
    expect(result.stderr).not.toContain('SECRET');
    writeFileSync(join(dir, '.scrapelint-baseline.json'), '{"version": 1} SECRET');
    const second = cli(['.'], dir);
    expectCleanError(second, /^scrapelint: \.scrapelint-baseline\.json: not JSON \(at line 1, column 16\)$/);
    expect(second.stderr).not.toContain('SECRET');
  });

  test('a manifest link to /etc/passwd, named on the command line: refused, never linted', () => {
    const dir = repo();
    symlinkSync('/etc/passwd', join(dir, 'deploy/passwd.yaml'));
    const result = cli(['--format', 'json', 'deploy/passwd.yaml'], dir);
    expectCleanError(result, /^scrapelint: cannot read deploy\/passwd\.yaml: it is a symbolic link that leads outside the repository \(to \/etc\/passwd\)$/);
    expect(result.stdout).toBe('');
  });
});

describe('links that stay inside the repository are followed as before (no false refusal)', () => {
  test('a manifest, a .gitignore, the configuration, a custom rule and the baseline that are links to files of the repository', () => {
    const dir = repo({
      'shared/gitignore': 'ignored/\n',
      'shared/scrapelint.yaml': 'customRules: [lint/]\nrules: {kubelet-readonly-port: warning}\n',
      'shared/rule.yaml': 'id: x\n',
      'deploy/ignored/kubelet.yaml': BROKEN,
      'lint/': '',
    });
    symlinkSync('shared/gitignore', join(dir, '.gitignore'));
    symlinkSync('shared/scrapelint.yaml', join(dir, '.scrapelint.yaml'));
    symlinkSync('../shared/rule.yaml', join(dir, 'lint/x.yaml'));
    symlinkSync('kubelet.yaml', join(dir, 'deploy/link.yaml'));
    // The rule file is read (its mistake is reported at its own place): the link was followed.
    const result = cli(['.'], dir);
    expectCleanError(result, /^scrapelint: invalid rule file: lint\/x\.yaml:1:1: /);
    writeFileSync(join(dir, 'shared/scrapelint.yaml'), 'rules: {kubelet-readonly-port: warning}\n');
    const linted = cli(['--format', 'json', '.', 'deploy/link.yaml'], dir);
    expect(linted.stderr).toBe('');
    const report = parseReport(linted.stdout);
    expect([...new Set(report.findings.map((f) => f.file))].sort()).toEqual(['deploy/kubelet.yaml', 'deploy/link.yaml']);
    expect(report.findings.find((f) => f.ruleId === 'kubelet-readonly-port')?.severity).toBe('warning');
  });

  test('--write-baseline writes the baseline file, and refuses a link inside the repository rather than replace it', () => {
    const dir = repo();
    expect(cli(['--write-baseline', '.'], dir).status).toBe(0);
    const written = readFileSync(join(dir, '.scrapelint-baseline.json'), 'utf8');
    expect(JSON.parse(written)).toEqual(expect.objectContaining({ version: 1 }));
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'ci/base.json'), written);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'baseline: ci/link.json\n');
    symlinkSync('base.json', join(dir, 'ci/link.json'));
    expectCleanError(cli(['--write-baseline', '.'], dir), /^scrapelint: cannot write the baseline ci\/link\.json: it is a symbolic link; scrapelint does not write through one$/);
    expect(lstatSync(join(dir, 'ci/link.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'ci')).sort()).toEqual(['base.json', 'link.json']);
  });
});

describe('the Action writes SARIF inside the workspace or $RUNNER_TEMP, never through a link', () => {
  const run = (sandbox: ReturnType<typeof makeSandbox>, sarif: string) =>
    runAction({
      sandbox,
      apiUrl: 'http://127.0.0.1:9',
      event: { name: 'push', payload: pushEvent({ sha: sha('sarif head'), before: sha('sarif base') }) },
      sha: sha('sarif head'),
      ref: 'refs/heads/main',
      with: { 'github-token': '', 'sarif-file': sarif, 'fail-on': 'none' },
    });
  const warnings = (r: Awaited<ReturnType<typeof run>>) => r.commands.filter((c) => c.command === 'warning' && c.properties.file === undefined).map((c) => c.message);

  test('a link the pull request added at the SARIF path (to a file in $RUNNER_TEMP) is not written through', async () => {
    const sandbox = makeSandbox({ 'deploy/kubelet.yaml': BROKEN }, { examples: false });
    try {
      const victim = join(sandbox.runnerTemp, 'victim.sh');
      writeFileSync(victim, 'echo the runner’s\n');
      symlinkSync(victim, join(sandbox.workspace, 'scrapelint.sarif'));
      const result = await run(sandbox, 'scrapelint.sarif');
      expect(result.status).toBe(0);
      expect(readFileSync(victim, 'utf8')).toBe('echo the runner’s\n');
      expect(lstatSync(join(sandbox.workspace, 'scrapelint.sarif')).isSymbolicLink()).toBe(true);
      expect(warnings(result)).toEqual(['scrapelint: could not write the SARIF file: cannot write scrapelint.sarif: it is a symbolic link; scrapelint does not write through one']);
      expect(result.outputs['sarif-file']).toBeUndefined();
      expect(readdirSync(sandbox.workspace).sort()).toEqual(['deploy', 'scrapelint.sarif']);
    } finally {
      sandbox.cleanup();
    }
  });

  test('a folder on the SARIF path that is a link, and a path out of the workspace, are refused too', async () => {
    const sandbox = makeSandbox({ 'deploy/kubelet.yaml': BROKEN }, { examples: false });
    try {
      symlinkSync(sandbox.runnerTemp, join(sandbox.workspace, 'out'));
      const linked = await run(sandbox, 'out/scrapelint.sarif');
      expect(warnings(linked)).toEqual([expect.stringMatching(/^scrapelint: could not write the SARIF file: cannot write out\/scrapelint\.sarif: the folder .*\/out is a symbolic link; scrapelint does not write through one$/)]);
      expect(existsSync(join(sandbox.runnerTemp, 'scrapelint.sarif'))).toBe(false);
      const outside = await run(sandbox, '../../../escaped.sarif');
      expect(warnings(outside)).toEqual([expect.stringMatching(/^scrapelint: could not write the SARIF file: cannot write \.\.\/\.\.\/\.\.\/escaped\.sarif: it is outside every folder scrapelint writes in/)]);
      expect(existsSync(join(sandbox.root, 'escaped.sarif'))).toBe(false);
      expect(outside.status).toBe(0);
    } finally {
      sandbox.cleanup();
    }
  });

  test('a path in the workspace (folders created) and one in $RUNNER_TEMP are written', async () => {
    const sandbox = makeSandbox({ 'deploy/kubelet.yaml': BROKEN }, { examples: false });
    try {
      const inside = await run(sandbox, 'reports/sarif/scrapelint.sarif');
      expect(warnings(inside)).toEqual([]);
      expect(inside.outputs['sarif-file']).toBe(join(sandbox.workspace, 'reports/sarif/scrapelint.sarif'));
      expect(JSON.parse(readFileSync(inside.outputs['sarif-file'], 'utf8')).version).toBe('2.1.0');
      const inTemp = join(sandbox.runnerTemp, 'scrapelint.sarif');
      const temp = await run(sandbox, inTemp);
      expect(warnings(temp)).toEqual([]);
      expect(temp.outputs['sarif-file']).toBe(inTemp);
      expect(JSON.parse(readFileSync(inTemp, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
      // No temporary file left next to either.
      expect(readdirSync(join(sandbox.workspace, 'reports/sarif'))).toEqual(['scrapelint.sarif']);
      expect(readdirSync(sandbox.runnerTemp).filter((n) => n.includes('scrapelint'))).toEqual(['scrapelint.sarif']);
    } finally {
      sandbox.cleanup();
    }
  });
});
