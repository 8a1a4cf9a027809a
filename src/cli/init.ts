// `scrapelint init`: a commented starter configuration and the example workflow.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { CliOptions } from './args.js';
import type { CliIo } from './main.js';
import { packageVersion } from '../node/rules-dir.js';

/** The starter configuration; `$schema` names the schema of the installed version, so editors check it against the rules that version has. */
export const starterConfig = (version: string) => `# scrapelint configuration: https://github.com/scrapelint/scrapelint#configuration
# Editors validate it with the JSON Schema of this version of scrapelint:
# yaml-language-server: $schema=https://raw.githubusercontent.com/scrapelint/scrapelint/v${version}/rules/schema/config.schema.json

# Rules on or off, and their severity (error, warning, info, off). A severity turns on a rule
# that is off by default. \`scrapelint rules\` lists them.
# rules:
#   deprecated-bearer-token-file: off
#   insecure-skip-verify: info

# Paths not to lint, as in .gitignore, relative to this file.
# ignore:
#   - charts/**/templates/

# Severities for some paths only; later entries win.
# overrides:
#   - files: [legacy/**]
#     rules:
#       deprecated-bearer-token-secret: off

# Your own rules, in the format of scrapelint's rules/ (data, never code).
customRules: []
  # - lint/scrapelint-rules/

# The namespace of objects that name none, as kubectl apply -n sets it. Without it, their
# namespace is unknown (a kustomization's namespace: still counts) and the rules that need one
# stay silent.
# namespace: default
# Folders applied as a whole, each with the folders below it (kubectl apply -R -f deploy/):
# their objects are compared with each other. By default each folder stands alone.
# units: [deploy/]

# The Prometheus that should select the monitors, when the input does not hold it
# (kube-prometheus-stack selects release: <release name>).
# prometheus:
#   selector: release=kube-prometheus-stack

# kubelet:
#   selectorLabels: {k8s-app: kubelet}

# Where the kubelet's read-only port 10255 is known to be on, report kubelet-readonly-port as a warning.
# platform:
#   kubeletReadOnlyPort: enabled

# The prometheus-operator release whose CRDs your cluster has (default: the newest scrapelint knows):
# fields those CRDs do not have are reported, as that release's API server drops them.
# operator:
#   version: v0.48.1
`;

/** The example workflow, run on pull requests and on pushes to `branch` (the repository's default). */
export const starterWorkflow = (branch: string) => `name: scrapelint
on:
  pull_request:
  push:
    branches: [${JSON.stringify(branch)}]
permissions:
  contents: read
  checks: write
  pull-requests: write
  security-events: write
jobs:
  scrapelint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: scrapelint/scrapelint@v0
        id: scrapelint
        with:
          sarif-file: scrapelint.sarif
      - uses: github/codeql-action/upload-sarif@v4
        if: always() && steps.scrapelint.outputs.sarif-file != ''
        with:
          sarif_file: \${{ steps.scrapelint.outputs.sarif-file }}
          category: scrapelint
`;

/** Where `init` writes: the repository root (the folder with .git) above the working directory, or it. */
function projectRoot(cwd: string): string {
  let dir = cwd;
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return cwd;
    dir = parent;
  }
}

/**
 * The repository's default branch, as the clone knows it: where origin's HEAD points (set by
 * `git clone`), else the branch checked out, else `main`. Read from .git, inside the repository.
 */
export function defaultBranch(root: string): string {
  const ref = (file: string, prefix: string) => {
    let text: string;
    try {
      text = readFileSync(join(root, '.git', file), 'utf8').trim();
    } catch {
      return undefined;
    }
    const name = text.startsWith(`ref: ${prefix}`) ? text.slice(`ref: ${prefix}`.length) : '';
    return /^[\w./-]+$/.test(name) ? name : undefined;
  };
  return ref(join('refs', 'remotes', 'origin', 'HEAD'), 'refs/remotes/origin/') ?? ref('HEAD', 'refs/heads/') ?? 'main';
}

export function init(options: CliOptions, io: CliIo): number {
  const root = projectRoot(io.cwd);
  const files: [string, string][] = [
    ['.scrapelint.yaml', starterConfig(packageVersion())],
    [join('.github', 'workflows', 'scrapelint.yml'), starterWorkflow(defaultBranch(root))],
  ];
  let status = 0;
  for (const [name, text] of files) {
    const path = join(root, name);
    if (existsSync(path) && !options.force) {
      io.stderr.write(`scrapelint: ${name} exists; not overwritten (use --force)\n`);
      status = 2;
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    io.stdout.write(`Wrote ${relative(io.cwd, path) || name}\n`);
  }
  return status;
}
