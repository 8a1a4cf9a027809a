// Go's url.Parse (net/url), as far as deciding whether it fails and with which message: the
// operator parses `proxyUrl` with it (ProxyConfig.Validate) and rejects the object when it fails.
// Only the failures every Go release since 1.12 has are modelled; where Go would accept, so do we.

const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);

/** Characters a host may hold unescaped (shouldEscape(c, encodeHost) is false), besides ASCII letters and digits. */
const HOST_CHARS = new Set("-_.~!$&'()*+,;=:[]<>\"");

/** Characters valid in userinfo (validUserinfo). */
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

/** `%` escapes: each `%` needs two hex digits (unescape); in a host, `%` escapes below %80 other than %25 are refused. */
function escapeError(s: string, host: boolean): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) return `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`;
      if (host && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== '%25') return `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`;
      i += 2;
    } else if (host && c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9]/.test(c) && !HOST_CHARS.has(c)) {
      return `invalid character ${JSON.stringify(c)} in host name`;
    }
  }
  return undefined;
}

/** validOptionalPort: empty, or `:` and digits only. */
const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

function hostError(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const port = host.slice(close + 1);
    if (!validOptionalPort(port)) return `invalid port ${JSON.stringify(port)} after host`;
    return undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !validOptionalPort(host.slice(colon))) return `invalid port ${JSON.stringify(host.slice(colon))} after host`;
  return escapeError(host, true);
}

function authorityError(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const hostProblem = hostError(at < 0 ? authority : authority.slice(at + 1));
  if (hostProblem || at < 0) return hostProblem;
  const userinfo = authority.slice(0, at);
  if (!USERINFO.test(userinfo)) return 'net/url: invalid userinfo';
  return userinfo.split(':').map((part) => escapeError(part, false)).find((e) => e !== undefined);
}

/** The error Go's url.Parse returns for `raw` (without Go's `parse "<url>": ` prefix), or undefined when it parses. */
export function goUrlParseError(raw: string): string | undefined {
  // Control characters anywhere (stringContainsCTLByte).
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'net/url: invalid control character in URL';
  const hash = raw.indexOf('#');
  const url = hash < 0 ? raw : raw.slice(0, hash);
  const fragment = hash < 0 ? '' : raw.slice(hash + 1);
  if (url === '*') return fragment ? escapeError(fragment, false) : undefined;

  // getScheme: letters, then letters, digits, `+`, `-`, `.`, up to a `:`.
  let scheme = '';
  let rest = url;
  for (let i = 0; i < url.length; i++) {
    const c = url[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c) && i > 0) continue;
    if (c === ':') {
      if (i === 0) return 'missing protocol scheme';
      scheme = url.slice(0, i);
      rest = url.slice(i + 1);
    }
    break;
  }
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);

  let problem: string | undefined;
  if (!rest.startsWith('/')) {
    // With a scheme, the rest is opaque; without one, a colon before the first slash is refused.
    if (scheme === '' && rest.split('/')[0].includes(':')) return 'first path segment in URL cannot contain colon';
    if (scheme !== '') return fragment ? escapeError(fragment, false) : undefined;
  }
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    problem = authorityError(authority);
  }
  return problem ?? escapeError(rest, false) ?? (fragment ? escapeError(fragment, false) : undefined);
}
