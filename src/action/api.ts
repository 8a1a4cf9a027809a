// The GitHub REST API as the Action uses it: octokit from @actions/github (GITHUB_API_URL aware),
// with retries for server errors and secondary rate limits, and write permission problems told
// apart from everything else.
import * as github from '@actions/github';

export type Octokit = ReturnType<typeof github.getOctokit>;

/** The token may not do this (a fork's read-only token, Dependabot, missing `permissions:`). */
export class PermissionError extends Error {}

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

const MAX_RETRIES = 4;

/** Base delay between retries; tests shorten it with SCRAPELINT_RETRY_BASE_MS. */
function baseDelayMs(): number {
  const override = Number(process.env.SCRAPELINT_RETRY_BASE_MS);
  return Number.isFinite(override) && override >= 0 ? override : 1000;
}

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

export function createClient(token: string): Octokit {
  const octokit = github.getOctokit(token);
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (caught) {
        const error = caught as HttpError;
        const retriable = (error.status !== undefined && error.status >= 500) || isSecondaryRateLimit(error);
        if (retriable && attempt < MAX_RETRIES) {
          await sleep(retryDelay(error, attempt));
          continue;
        }
        if (error.status === 403 || error.status === 404) {
          throw new PermissionError(`${options.method} ${options.url}: ${error.status} ${error.message ?? ''}`.trim());
        }
        throw caught;
      }
    }
  });
  return octokit;
}
