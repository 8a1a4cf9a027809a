// Markdown for values that come from the linted repository (manifest values in messages, file
// names, rule ids and docs links of custom rules), as GitHub renders it in job summaries, check
// runs and review comments (GitHub Flavored Markdown, then GitHub's own mentions, issue references
// and autolinks): such a value is shown as the text it is and opens nothing, no mention
// (`@org/team`), link, image, HTML, emphasis, math or table cell, and cannot end the code span it
// is written in. Workflow commands are another matter: see workflowSafe in text.ts.
import { escapeControls } from './text.js';

export interface MarkdownOptions {
  /** Inside a GFM table cell, where a `|` ends the cell even inside a code span unless escaped. */
  table?: boolean;
}

// ASCII punctuation that starts or ends markup inline: emphasis and strikethrough (* _ ~), code
// (`), links and images ([ ] !), HTML and autolinks (< >), entities (&), math ($), table cells (|),
// and the backslash itself. The rest of the punctuation is only markup at the start of a line, and
// these texts never start one (line breaks are escaped as \n).
const PUNCTUATION = /[\\`*_~[\]!<>&$|]/g;

/**
 * Plain text as Markdown that shows exactly that text: markup characters backslash-escaped, line
 * breaks and other control characters written as escapes (\n), and a zero-width space where
 * GitHub would otherwise make a mention or an email link (`@name`), an issue link (`#12`) or a
 * URL link (`https://`, `www.`) out of plain text, which no backslash prevents.
 */
export function markdownText(text: string): string {
  return escapeControls(text)
    .replace(PUNCTUATION, '\\$&')
    .replace(/@(?=[A-Za-z0-9_])/g, '@\u200b')
    .replace(/#(?=[0-9])/g, '#\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\b(www)\./gi, '$1\u200b.');
}

/** The longest run of backticks in a text. */
function longestRun(text: string, ch = '`'): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * A code span that shows `text` exactly: delimited by more backticks than any run inside it, and
 * padded with a space where CommonMark would otherwise take a backtick at its edge for part of the
 * delimiter or strip a space of the text. In a table cell, pipes are escaped (GitHub splits cells
 * before it reads code spans); where an odd run of backslashes precedes a pipe, no escaping shows
 * it as it is, and the text is written as escaped text instead.
 */
export function markdownCode(text: string, options: MarkdownOptions = {}): string {
  const shown = escapeControls(text);
  if (shown === '') return '';
  if (options.table && /(^|[^\\])(\\\\)*\\\|/.test(shown)) return markdownText(text);
  const content = options.table ? shown.replace(/\|/g, '\\|') : shown;
  const fence = '`'.repeat(longestRun(shown) + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A message written with `code spans` (as every rule message is): each code span, as CommonMark
 * reads it, shown as code, the rest as plain text. Whatever a value interpolated into the message
 * holds (backticks included), the result opens no markup: at worst a backtick of the value is
 * taken as the end of a span, and what follows is shown as escaped text.
 */
export function markdownInline(message: string, options: MarkdownOptions = {}): string {
  const text = escapeControls(message);
  let out = '';
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      plain += text[i++];
      continue;
    }
    let n = 1;
    while (text[i + n] === '`') n++;
    // The span ends at the next run of exactly n backticks (CommonMark's rule).
    let close = -1;
    for (let j = i + n; j < text.length; ) {
      if (text[j] !== '`') {
        j++;
        continue;
      }
      let m = 1;
      while (text[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) {
      plain += text.slice(i, i + n); // no span: the backticks are text
      i += n;
      continue;
    }
    let code = text.slice(i + n, close);
    if (code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
    out += markdownText(plain) + (code === '' ? '' : markdownCode(code, options));
    plain = '';
    i = close + n;
  }
  return out + markdownText(plain);
}

/**
 * A link destination for Markdown: http and https URLs only (others give undefined, to be shown
 * without a link), with every character that could end the destination or the link percent-encoded.
 */
export function markdownUrl(url: string): string | undefined {
  if (!/^https?:\/\/[^\s/]/i.test(url)) return undefined;
  return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/g, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** A link whose text is already Markdown; just the text when the URL may not be linked. */
export function markdownLink(label: string, url: string | undefined): string {
  const destination = url === undefined ? undefined : markdownUrl(url);
  return destination === undefined ? label : `[${label}](${destination})`;
}

/** The fence of a fenced code block holding `text`: longer than any run of backticks in it. */
export function codeFence(text: string): string {
  return '`'.repeat(Math.max(3, longestRun(text) + 1));
}
