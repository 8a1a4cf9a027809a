// The GitHub Action: lint the workspace, then report through every channel, in order of reach:
// workflow-command annotations, a check run, a pull-request review with suggestions, the job
// summary and a SARIF file. A channel that fails (a read-only token on a fork, an API outage)
// is reported once as a warning; the step passes or fails on the findings alone.
// The pull request's files are data only: nothing from the checked-out repository is executed.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { lint } from '../engine/lint.js';
import { summarize, type Summary } from '../engine/finding.js';
import { SEVERITY_RANK } from '../ruleset/types.js';
import { RuleLoadError } from '../ruleset/loader.js';
import { packageVersion } from '../node/rules-dir.js';
import { loadConfiguration } from '../node/configuration.js';
import { readBaselineFile } from '../node/baseline-file.js';
import { applyBaseline } from '../engine/baseline.js';
import { ruleDocsUrl } from '../ruleset/docs-url.js';
import { ConfigError } from '../config/config.js';
import { readLintInputs } from '../node/read-inputs.js';
import { displayName, InputError } from '../node/files.js';
import { renderSummary } from '../report/summary.js';
import { toSarif } from '../report/sarif.js';
import { createClient, PermissionError, type Octokit } from './api.js';
import { InputValueError, readInputs, type ActionInputs, type FilterMode } from './inputs.js';
import { pullRequestOf, readDiff, type PullRequest } from './pull-request.js';
import { keepFinding, onAddedLine } from './filter.js';
import { annotationOrder, emitAnnotations } from './annotations.js';
import { publishCheckRun } from './check-run.js';
import { publishReview, reviewComments } from './review.js';
import type { FileDiff } from './diff.js';

const FILTER_NOTE: Record<FilterMode, string> = {
  added: 'on lines this pull request adds or changes',
  diff_context: "inside this pull request's diff",
  file: 'in files this pull request changes',
  nofilter: '',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeCounts(summary: Summary): string {
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`;
}

/** Reporting problems: permission ones are said once, the rest each time, never fatal. */
class ChannelProblems {
  private permissionWarned = false;

  report(channel: string, error: unknown): void {
    if (error instanceof PermissionError) {
      if (!this.permissionWarned) {
        core.warning(
          `scrapelint: the token may not write ${channel} (${error.message}). This happens on pull requests from forks and Dependabot, or without the permissions the README lists; findings are still reported as annotations and in the job summary.`,
        );
        this.permissionWarned = true;
      }
      return;
    }
    core.warning(`scrapelint: could not write the ${channel}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface Context {
  inputs: ActionInputs;
  workspace: string;
  octokit?: Octokit;
  repo: { owner: string; repo: string };
  pr?: PullRequest;
  sha: string;
}

async function readPullRequestDiff(ctx: Context): Promise<Map<string, FileDiff> | undefined> {
  if (!ctx.pr || !ctx.octokit) return undefined;
  try {
    return await readDiff(ctx.octokit, ctx.repo, ctx.pr);
  } catch (error) {
    core.warning(`scrapelint: could not read the pull request's changed files (${error instanceof Error ? error.message : String(error)}); reporting every finding.`);
    return undefined;
  }
}

export async function run(): Promise<void> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs();
  } catch (error) {
    core.setFailed(`scrapelint: ${(error as Error).message}`);
    return;
  }
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const payload = github.context.payload as Record<string, unknown>;
  const pr = pullRequestOf(github.context.eventName, payload);
  const ctx: Context = {
    inputs,
    workspace,
    octokit: inputs.token ? createClient(inputs.token) : undefined,
    repo: process.env.GITHUB_REPOSITORY?.includes('/') ? github.context.repo : { owner: '', repo: '' },
    pr,
    sha: pr?.headSha ?? github.context.sha,
  };
  if (!ctx.repo.owner) ctx.octokit = undefined; // no repository to report to (a local run)

  // The configuration is data: its custom rules are rule files, never code from the repository.
  const configuration = loadConfiguration({ cwd: workspace, configPath: inputs.config || undefined });
  const { rules } = configuration;
  const lintInputs = await readLintInputs(inputs.paths, { cwd: workspace, exclude: configuration.ignored });
  const linted = lint(lintInputs, configuration.lintOptions);
  const { sources } = linted;
  const baseline = readBaselineFile(configuration.baselinePath, configuration.baselinePath);
  const baselineDir = dirname(configuration.baselinePath);
  const relativeToBaseline = (file: string) => displayName(resolve(workspace, file), baselineDir);
  const findings = baseline
    ? applyBaseline(linted.findings, baseline, (f) => relativeToBaseline(f.file), new Set(lintInputs.map((i) => relativeToBaseline(i.file)))).reported
    : linted.findings;
  const docsUrlOf = (id: string) => {
    const rule = rules.find((r) => r.id === id);
    return rule ? ruleDocsUrl(rule) : id;
  };

  const diff = await readPullRequestDiff(ctx);
  const mode: FilterMode = diff ? (inputs.filterMode ?? 'added') : 'nofilter';
  const reported = findings.filter((f) => keepFinding(f, mode, diff));
  const summary = summarize(reported, lintInputs.length);
  const threshold = inputs.failOn === 'none' ? Infinity : SEVERITY_RANK[inputs.failOn];
  const failing = reported.filter((f) => SEVERITY_RANK[f.severity] >= threshold);
  const filteredOut = findings.length - reported.length;
  const note =
    mode === 'nofilter'
      ? undefined
      : `Findings ${FILTER_NOTE[mode]} (filter-mode: ${mode})${filteredOut > 0 ? `; ${plural(filteredOut, 'other finding')} elsewhere ${filteredOut === 1 ? 'is' : 'are'} not reported` : ''}.`;

  // 1. Annotations in the log and on the files.
  emitAnnotations(annotationOrder(reported, (f) => onAddedLine(f, diff)));

  const problems = new ChannelProblems();
  // 2. The check run.
  if (ctx.octokit) {
    try {
      await publishCheckRun(ctx.octokit, ctx.repo, ctx.sha, reported, {
        title: reported.length === 0 ? 'No problems found' : describeCounts(summary),
        summary: renderSummary(reported, summary, { note, budgetBytes: 60_000, docsUrlOf }),
        conclusion: failing.length > 0 ? 'failure' : reported.length > 0 ? 'neutral' : 'success',
      });
    } catch (error) {
      problems.report('checks', error);
    }
  }
  // 3. The review with suggestions.
  if (ctx.octokit && ctx.pr && diff && inputs.suggestions) {
    try {
      const result = await publishReview(ctx.octokit, ctx.repo, ctx.pr, reviewComments(reported, sources, diff), docsUrlOf);
      if (result.posted > 0 || result.alreadyPosted > 0) {
        core.info(`scrapelint: ${result.posted} suggestion(s) posted, ${result.alreadyPosted} already on the pull request, ${result.leftOut} left out.`);
      }
    } catch (error) {
      problems.report('pull-request reviews', error);
    }
  }
  // 4. The job summary.
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
    const fileUrl = ctx.repo.owner ? (file: string, line: number) => `${server}/${ctx.repo.owner}/${ctx.repo.repo}/blob/${ctx.sha}/${encodeURI(file)}#L${line}` : undefined;
    try {
      appendFileSync(summaryFile, renderSummary(reported, summary, { note, fileUrl, docsUrlOf }));
    } catch (error) {
      problems.report('job summary', error);
    }
  }
  // 5. SARIF: every finding (code scanning tracks the whole repository).
  if (inputs.sarifFile) {
    const path = resolve(workspace, inputs.sarifFile);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(toSarif(findings, rules, { version: packageVersion() }), null, 2)}\n`);
    core.setOutput('sarif-file', path);
  }
  core.setOutput('errors', summary.errors);
  core.setOutput('warnings', summary.warnings);
  core.setOutput('infos', summary.infos);
  if (failing.length > 0) {
    core.setFailed(`scrapelint: ${plural(failing.length, 'finding')} at or above "${inputs.failOn}" (${describeCounts(summary)}).`);
  } else {
    core.info(`scrapelint: ${reported.length === 0 ? 'no problems found' : describeCounts(summary)}.`);
  }
}

/** Runs the Action; anything unexpected fails the step with one line, never a stack trace. */
export async function runAction(): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof InputError || error instanceof InputValueError || error instanceof RuleLoadError || error instanceof ConfigError) core.setFailed(`scrapelint: ${message}`);
    else core.setFailed(`scrapelint: internal error: ${message}`);
  }
}

