// The GitHub REST API as the Action uses it: octokit from @actions/github (GITHUB_API_URL aware),
// with retries for server errors and secondary rate limits, a timeout on every request and an
// overall time budget for the API part of a run, write permission problems told apart from
// everything else, and the size limits GitHub puts on what it is sent.
import * as github from '@actions/github';

export type Octokit = ReturnType<typeof github.getOctokit>;

/** The token may not do this (a fork's read-only token, Dependabot, missing `permissions:`). */
export class PermissionError extends Error {}

/** GitHub answered with an error, or did not answer: the message names the request. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

const MAX_RETRIES = 4;

/** A duration from the environment (tests shorten them), or the default. */
function envMs(name: string, fallback: number): number {
  const raw = process.env[name];
  const override = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(override) && override >= 0 ? override : fallback;
}

/** Base delay between retries; tests shorten it with SCRAPELINT_RETRY_BASE_MS. */
const baseDelayMs = () => envMs('SCRAPELINT_RETRY_BASE_MS', 1000);

function isSecondaryRateLimit(error: HttpError): boolean {
  const headers = error.response?.headers ?? {};
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  return headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(error.message ?? '');
}

function retryDelay(error: HttpError, attempt: number): number {
  const headers = error.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && headers['retry-after'] !== undefined) return Math.min(retryAfter * 1000, 60_000) * (baseDelayMs() / 1000);
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
    return Math.min(Math.max(reset * 1000 - Date.now(), 0), 60_000) * (baseDelayMs() / 1000);
  }
  return baseDelayMs() * 2 ** attempt;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * A client whose every request gives up after SCRAPELINT_REQUEST_TIMEOUT_MS (default 30 s; a
 * timed-out request is retried like a server error), and whose requests all stop once
 * SCRAPELINT_API_BUDGET_MS (default 5 minutes) have passed since the first one: an API that
 * never answers costs a run minutes, not the hour a job may last. What fails then is reported
 * per channel, and the run goes on.
 */
export function createClient(token: string): Octokit {
  const octokit = github.getOctokit(token);
  const requestMs = envMs('SCRAPELINT_REQUEST_TIMEOUT_MS', 30_000);
  const budgetMs = envMs('SCRAPELINT_API_BUDGET_MS', 300_000);
  let budget: AbortSignal | undefined; // started by the first request (linting is not API time)
  let deadline = Infinity;
  const allowed = `the ${seconds(budgetMs)} allowed for the GitHub API (SCRAPELINT_API_BUDGET_MS)`;
  const outOfTime = (what: string, attempt: number, waiting: boolean) =>
    new ApiError(waiting ? `${what}: no answer within ${allowed}; it was not tried again` : `${what}: ${attempt === 0 ? 'not sent' : 'not tried again'}: ${allowed} had run out`);
  octokit.hook.wrap('request', async (request, options) => {
    const what = `${options.method} ${options.url}`;
    if (!budget) {
      budget = AbortSignal.timeout(budgetMs);
      deadline = Date.now() + budgetMs;
    }
    for (let attempt = 0; ; attempt++) {
      if (budget.aborted) throw outOfTime(what, attempt, false);
      const timer = AbortSignal.timeout(requestMs);
      try {
        // Set on `options` itself: the hooks inside this one were bound to this very object and
        // ignore the options they are called with.
        options.request = { ...options.request, signal: AbortSignal.any([budget, timer]) };
        return await request(options);
      } catch (caught) {
        if (budget.aborted) throw outOfTime(what, attempt, true);
        const error = caught as HttpError;
        const timedOut = timer.aborted;
        const retriable = timedOut || (error.status !== undefined && error.status >= 500) || isSecondaryRateLimit(error);
        const delay = retriable ? retryDelay(error, attempt) : 0;
        if (retriable && attempt < MAX_RETRIES && Date.now() + delay < deadline) {
          await sleep(delay);
          continue;
        }
        if (timedOut) throw new ApiError(`${what}: no answer within ${seconds(requestMs)} (${attempt + 1} ${attempt === 0 ? 'try' : 'tries'})`);
        if (error.status === 403 || error.status === 404) {
          throw new PermissionError(`${what}: ${error.status} ${error.message ?? ''}`.trim());
        }
        throw new ApiError(`${what}: ${error.status ?? ''} ${error.message ?? String(caught)}`.replace(/ {2,}/g, ' ').trim(), error.status);
      }
    }
  });
  return octokit;
}

/** Whether GitHub refused a request as unprocessable (422: it validated the content and said no). */
export function isUnprocessable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 422;
}

// ---- size limits ------------------------------------------------------------------------------
// GitHub refuses (422) a request with a field over its limit, losing the whole request. The
// limits of GitHub's REST description (checks/create and checks/update): a check run's
// output.summary and output.text 65,535 characters (maxLength), an annotation's message 64 KB and
// its title 255 characters (raw_details, 64 KB too, is not sent). A review comment's body is not
// documented there: 65,536 characters is what GitHub's 422 says ("Body is too long (maximum is
// 65536 characters)"). GitHub has counted the "characters" as bytes
// (github/rest-api-description#5399), so every limit here is applied to UTF-8 bytes, which are
// never fewer than characters, and "64 KB" is read as the smallest it can mean (64,000).

export const LIMITS = {
  checkOutputText: 65_535,
  annotationMessage: 64_000,
  annotationTitle: 255,
  reviewCommentBody: 65_536,
} as const;

export const CUT_MARK = ' … (cut)';

/**
 * `text` in at most `max` UTF-8 bytes (or UTF-16 code units with `unit: 'chars'`), cut at a
 * character boundary with a visible mark when it is longer.
 */
export function cut(text: string, max: number, unit: 'bytes' | 'chars' = 'bytes'): string {
  const size = (s: string) => (unit === 'bytes' ? Buffer.byteLength(s) : s.length);
  if (size(text) <= max) return text;
  const room = Math.max(max - size(CUT_MARK), 0);
  let end: number;
  if (unit === 'chars') {
    end = room;
    if (end > 0 && /[\ud800-\udbff]/.test(text[end - 1])) end--; // not half a surrogate pair
    return `${text.slice(0, end)}${CUT_MARK}`;
  }
  const bytes = Buffer.from(text, 'utf8');
  end = room;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // not inside a multi-byte character
  return `${bytes.subarray(0, end).toString('utf8')}${CUT_MARK}`;
}
