// A check run named "scrapelint" carrying every annotation. The Checks API takes at most 50
// annotations per request: the run is created with the first 50 and updated with the rest.
// Every text is cut to GitHub's limits: one field over them and GitHub refuses the whole request.
import type { Finding } from '../engine/finding.js';
import { cut, LIMITS, type Octokit } from './api.js';

export const CHECK_NAME = 'scrapelint';
export const ANNOTATIONS_PER_REQUEST = 50;

const LEVEL = { error: 'failure', warning: 'warning', info: 'notice' } as const;

function annotation(f: Finding) {
  return {
    path: f.file,
    start_line: f.line,
    end_line: f.endLine,
    // Columns only on one line; the API's end column is the last flagged column.
    ...(f.line === f.endLine ? { start_column: f.column, end_column: Math.max(f.column, f.endColumn - 1) } : {}),
    annotation_level: LEVEL[f.severity],
    message: cut(f.message, LIMITS.annotationMessage),
    title: cut(f.ruleId, LIMITS.annotationTitle),
  };
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  conclusion: 'success' | 'failure' | 'neutral';
}

export async function publishCheckRun(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  headSha: string,
  findings: readonly Finding[],
  output: CheckRunOutput,
): Promise<number> {
  const batches: Finding[][] = [];
  for (let i = 0; i < findings.length; i += ANNOTATIONS_PER_REQUEST) batches.push(findings.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const text = { title: output.title, summary: cut(output.summary, LIMITS.checkOutputText) };
  const created = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: headSha,
    status: 'completed',
    conclusion: output.conclusion,
    completed_at: new Date().toISOString(),
    output: { ...text, annotations: (batches[0] ?? []).map(annotation) },
  });
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ ...repo, check_run_id: created.data.id, output: { ...text, annotations: batch.map(annotation) } });
  }
  return batches.length;
}
