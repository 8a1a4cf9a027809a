// The GitHub Action: lint the workspace, then report through every channel, in order of reach:
// workflow-command annotations, a check run, a pull-request review with suggestions, the job
// summary and a SARIF file. A channel that fails (a read-only token on a fork, an API outage, an
// API that does not answer in time) is reported once as a warning; the step passes or fails on
// the findings alone.
// The pull request's files are data only: nothing from the checked-out repository is executed.
import { appendFileSync } from 'node:fs';
import { writeFileInside } from '../node/safe-files.js';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { lint } from '../engine/lint.js';
import { summarize, type Summary } from '../engine/finding.js';
import { SEVERITY_RANK } from '../ruleset/types.js';
import { RuleLoadError } from '../ruleset/loader.js';
import { packageVersion } from '../node/rules-dir.js';
import { applyBaseline } from '../engine/baseline.js';
import { ruleDocsUrl } from '../ruleset/docs-url.js';
import { ConfigError } from '../config/config.js';
import { readLintInputs } from '../node/read-inputs.js';
import { displayName, InputError } from '../node/files.js';
import { renderSummary } from '../report/summary.js';
import { toSarif } from '../report/sarif.js';
import { createClient, cut, PermissionError, type Octokit } from './api.js';
import { InputValueError, readInputs, type ActionInputs, type FilterMode } from './inputs.js';
import { MAX_LISTED_FILES, pullRequestOf, readDiff, readLocalDiff, type ListedDiff, type PullRequest } from './pull-request.js';
import { judge, onAddedLine } from './filter.js';
import { annotationOrder, emitAnnotations } from './annotations.js';
import { publishCheckRun } from './check-run.js';
import { publishReview, reviewComments, type ReviewResult } from './review.js';
import type { PullRequestDiff } from './diff.js';
import { loadPolicy, reportPolicyChanges } from './policy.js';

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
    core.warning(`scrapelint: could not write the ${channel}: ${cut(error instanceof Error ? error.message : String(error), 2000, 'chars')}`);
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

interface DiffReading {
  diff?: PullRequestDiff;
  /** GitHub's listing, when it could be read. */
  listed?: ListedDiff;
  /** Why GitHub's listing could not be read, or was incomplete and git could not fill it in. */
  apiProblem?: string;
  gitProblem?: string;
  /** The local git history filled in what GitHub did not list. */
  fromGit?: boolean;
}

/**
 * The pull request's diff: GitHub's listing of its files, and the local git history for what that
 * listing leaves out (it stops at 3,000 files) or when it cannot be read.
 */
async function readPullRequestDiff(ctx: Context): Promise<DiffReading> {
  if (!ctx.pr) return {};
  let listed: ListedDiff | undefined;
  let apiProblem: string | undefined;
  if (!ctx.octokit) apiProblem = 'no github-token';
  else {
    try {
      listed = await readDiff(ctx.octokit, ctx.repo, ctx.pr);
      if (listed.complete) return { diff: listed, listed };
    } catch (error) {
      apiProblem = cut(error instanceof Error ? error.message : String(error), 1000, 'chars');
    }
  }
  const local = readLocalDiff(ctx.workspace, ctx.pr);
  if ('files' in local) {
    // GitHub's entries win where both have a file: review comments go on GitHub's diff.
    const files = new Map(local.files);
    for (const [name, file] of listed?.files ?? []) files.set(name, file);
    return { diff: { files, complete: true }, listed, apiProblem, fromGit: true };
  }
  return { diff: listed, listed, apiProblem, gitProblem: local.error };
}

/** What the log and the summaries say about how the diff was read; warnings where findings go unjudged. */
function describeDiff(reading: DiffReading, mode: FilterMode, pr: PullRequest, lintedFiles: Set<string>): { notes: string[]; warnings: string[] } {
  const notes: string[] = [];
  const warnings: string[] = [];
  const { diff, listed } = reading;
  const judging = mode !== 'nofilter';
  const gitHint = 'actions/checkout with `fetch-depth: 0` lets scrapelint read it from the git history';
  if (listed && !listed.complete) {
    const of = `GitHub listed ${listed.listed} of the pull request's ${pr.changedFiles ?? `${MAX_LISTED_FILES.toLocaleString('en-US')} or more`} changed files (it lists at most ${MAX_LISTED_FILES.toLocaleString('en-US')})`;
    if (reading.fromGit) notes.push(`${of}; the others were read from the local git history.`);
    else if (judging) {
      warnings.push(`${of}, and the rest could not be read from git (${reading.gitProblem}; ${gitHint}).`);
      notes.push(`${of}: findings in files it did not list are reported but not judged, and do not fail the step.`);
    }
  } else if (!listed && reading.apiProblem) {
    if (reading.fromGit) {
      warnings.push(`could not read the pull request's changed files from GitHub (${reading.apiProblem}); they were read from the local git history.`);
    } else if (judging) {
      warnings.push(
        `could not read the pull request's diff (GitHub: ${reading.apiProblem}; git: ${reading.gitProblem}; ${gitHint}). The findings are not judged: every one is reported, and none fails the step.`,
      );
      notes.push("⚠️ The pull request's diff could not be read: every finding is reported, but none is judged, and none fails the step.");
    } else {
      warnings.push(`could not read the pull request's changed files (GitHub: ${reading.apiProblem}; git: ${reading.gitProblem}); no suggestions are posted.`);
    }
  }
  if (judging && mode !== 'file' && diff) {
    const whole = [...diff.files].filter(([name, file]) => file.whole && lintedFiles.has(name)).length;
    if (whole > 0) notes.push(`${plural(whole, 'file')} ${whole === 1 ? 'has' : 'have'} no diff from GitHub (too large); all ${whole === 1 ? 'its' : 'their'} findings are reported.`);
  }
  return { notes, warnings };
}

function logReview(result: ReviewResult): void {
  const { posted, alreadyPosted, leftOut, tooLong, refused, dropped } = result;
  if (refused !== undefined) {
    // Grouped by reason: the same refusal for many comments is said once.
    const byReason = new Map<string, string[]>();
    for (const d of dropped) byReason.set(d.why, [...(byReason.get(d.why) ?? []), d.where]);
    const why = cut([...byReason].map(([reason, places]) => `${[...new Set(places)].join(', ')}: ${reason}`).join('; '), 2000, 'chars');
    const text = `scrapelint: GitHub refused the review (${refused}); its ${posted + dropped.length} comments were posted one at a time: ${posted} posted, ${dropped.length} dropped${dropped.length > 0 ? ` (${why})` : ''}.`;
    if (dropped.length > 0) core.warning(text);
    else core.info(text);
  }
  if (tooLong > 0) core.warning(`scrapelint: ${plural(tooLong, 'suggestion')} left out: longer than a review comment may be (65,536 characters).`);
  if (posted > 0 || alreadyPosted > 0) {
    core.info(`scrapelint: ${posted} suggestion(s) posted, ${alreadyPosted} already on the pull request, ${leftOut} left out.`);
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
  // With config-from base (pull requests), the configuration and baseline are the base commit's.
  const policy = await loadPolicy({ workspace, config: inputs.config, configFrom: inputs.configFrom, pr: ctx.pr, octokit: ctx.octokit, repo: ctx.repo });
  const { configuration } = policy;
  const { rules } = configuration;
  const lintInputs = await readLintInputs(inputs.paths, { cwd: workspace, exclude: configuration.ignored });
  const linted = lint(lintInputs, configuration.lintOptions);
  const { sources } = linted;
  const baseline = policy.readBaseline();
  const baselineDir = dirname(configuration.baselinePath);
  const relativeToBaseline = (file: string) => displayName(resolve(workspace, file), baselineDir);
  const findings = baseline
    ? applyBaseline(linted.findings, baseline, (f) => relativeToBaseline(f.file), new Set(lintInputs.map((i) => relativeToBaseline(i.file)))).reported
    : linted.findings;
  const docsUrlOf = (id: string) => {
    const rule = rules.find((r) => r.id === id);
    return rule ? ruleDocsUrl(rule) : id;
  };

  const reading = await readPullRequestDiff(ctx);
  const { diff } = reading;
  const mode: FilterMode = ctx.pr ? (inputs.filterMode ?? 'added') : 'nofilter';
  // The exit status is decided by the findings the filter judged to be in this pull request. A
  // finding whose place in the diff is unknown (the diff could not be read, or GitHub's listing
  // stopped before its file and git could not fill in) is reported, so that nothing passes
  // unseen, but it does not fail the step: it may be in a file the pull request does not touch,
  // and failing a clean pull request for it (a false alarm) is worse than letting it pass with a
  // warning, the annotations and the summary all showing it.
  const verdicts = findings.map((f) => judge(f, mode, diff));
  const reported = findings.filter((_, i) => verdicts[i] !== 'drop');
  const judged = findings.filter((_, i) => verdicts[i] === 'report');
  const unjudged = reported.length - judged.length;
  const summary = summarize(reported, lintInputs.length);
  const threshold = inputs.failOn === 'none' ? Infinity : SEVERITY_RANK[inputs.failOn];
  const failing = judged.filter((f) => SEVERITY_RANK[f.severity] >= threshold);
  const filteredOut = findings.length - reported.length;
  const about = ctx.pr ? describeDiff(reading, mode, ctx.pr, new Set(lintInputs.map((i) => i.file))) : { notes: [], warnings: [] };
  for (const warning of about.warnings) core.warning(`scrapelint: ${warning}`);
  for (const line of about.notes) core.info(`scrapelint: ${line}`);
  // Without a diff nothing was filtered: the notes say so instead.
  const filterNote =
    mode === 'nofilter' || !diff
      ? []
      : [`Findings ${FILTER_NOTE[mode]} (filter-mode: ${mode})${filteredOut > 0 ? `; ${plural(filteredOut, 'other finding')} elsewhere ${filteredOut === 1 ? 'is' : 'are'} not reported` : ''}.`];
  const note = [...filterNote, ...about.notes].join(' ') || undefined;
  // What the pull request changes in what scrapelint checks (configuration, baseline, suppressions).
  const policyNotes = await reportPolicyChanges(policy, reading, { paths: inputs.paths, lintedFiles: lintInputs.map((i) => i.file), sources, findings: linted.findings });

  // 1. Annotations in the log and on the files.
  emitAnnotations(annotationOrder(reported, (f) => onAddedLine(f, diff?.files)));

  const problems = new ChannelProblems();
  // 2. The check run.
  if (ctx.octokit) {
    try {
      await publishCheckRun(ctx.octokit, ctx.repo, ctx.sha, reported, {
        title: reported.length === 0 ? 'No problems found' : describeCounts(summary),
        summary: renderSummary(reported, summary, { note, policy: policyNotes, budgetBytes: 60_000, docsUrlOf }),
        conclusion: failing.length > 0 ? 'failure' : reported.length > 0 ? 'neutral' : 'success',
      });
    } catch (error) {
      problems.report('checks', error);
    }
  }
  // 3. The review with suggestions.
  if (ctx.octokit && ctx.pr && diff && inputs.suggestions) {
    try {
      logReview(await publishReview(ctx.octokit, ctx.repo, ctx.pr, reviewComments(reported, sources, diff.files), docsUrlOf));
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
      appendFileSync(summaryFile, renderSummary(reported, summary, { note, policy: policyNotes, fileUrl, docsUrlOf }));
    } catch (error) {
      problems.report('job summary', error);
    }
  }
  // 5. SARIF: every finding (code scanning tracks the whole repository).
  // Inside the workspace or the runner's temporary folder (the runner's, not the pull request's),
  // never through a symbolic link the pull request may have added (safe-files.ts): else a warning.
  if (inputs.sarifFile) {
    const path = resolve(workspace, inputs.sarifFile);
    try {
      writeFileInside(path, `${JSON.stringify(toSarif(findings, rules, { version: packageVersion() }), null, 2)}\n`, { roots: [workspace, process.env.RUNNER_TEMP], shown: inputs.sarifFile, createFolders: true });
      core.setOutput('sarif-file', path);
    } catch (error) {
      problems.report('SARIF file', error);
    }
  }
  core.setOutput('errors', summary.errors);
  core.setOutput('warnings', summary.warnings);
  core.setOutput('infos', summary.infos);
  if (failing.length > 0) {
    core.setFailed(`scrapelint: ${plural(failing.length, 'finding')} at or above "${inputs.failOn}" (${describeCounts(summary)}).`);
  } else {
    const notJudged = unjudged > 0 ? `; ${plural(unjudged, 'finding')} not judged (see the warning above)` : '';
    core.info(`scrapelint: ${reported.length === 0 ? 'no problems found' : describeCounts(summary)}${notJudged}.`);
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

