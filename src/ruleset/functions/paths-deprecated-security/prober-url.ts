// probe-prober-url: a Probe's `prober.url` is `host` or `host:port`; the scheme and the path have
// their own fields. The operator rejects the whole Probe otherwise.
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction, FixOp } from '../../types.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// govalidator's DNSName, which the operator uses (IsHost = IsIP || IsDNSName).
const DNS_NAME = /^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

const isHost = (host: string) => IPV4.test(host) || (host.length <= 255 && DNS_NAME.test(host));
const isPort = (port: string) => /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
const isIpv6 = (host: string) => IPV6.test(host) && (host.match(/:/g) ?? []).length >= 2;

/** Whether the operator accepts `url` as `host` or `host:port`. */
export function isHostPort(url: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(url);
  if (bracketed) return isIpv6(bracketed[1]) && (bracketed[2] === undefined || isPort(bracketed[2]));
  const colons = (url.match(/:/g) ?? []).length;
  if (colons === 0) return isHost(url);
  if (colons === 1) {
    const [host, port] = url.split(':');
    return isHost(host) && isPort(port);
  }
  return isIpv6(url);
}

export const proberUrl: CheckFunction = ({ value }) => {
  if (!isObject(value) || typeof value.url !== 'string' || value.url === '') return [];
  const url = value.url;
  if (isHostPort(url)) return [];
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(url);
  const scheme = schemeMatch?.[1].toLowerCase();
  const rest = schemeMatch ? schemeMatch[2] : url;
  const cut = rest.search(/[/?#]/);
  const hostPort = cut < 0 ? rest : rest.slice(0, cut);
  const tail = cut < 0 ? '' : rest.slice(cut);
  const problems: string[] = [];
  if (scheme) problems.push(`a scheme (\`${schemeMatch![1]}://\`)`);
  if (tail !== '' && tail !== '/') problems.push(`a path (\`${tail}\`)`);
  const problem = problems.length > 0 ? problems.join(' and ') : 'something that is not `host` or `host:port`';

  const ops: FixOp[] = [{ set: { url: hostPort } }];
  let fixable = isHostPort(hostPort) && !/[?#]/.test(tail) && (scheme === undefined || scheme === 'http' || scheme === 'https');
  const currentScheme = typeof value.scheme === 'string' ? value.scheme.toLowerCase() : undefined;
  if (fixable && scheme) {
    if (value.scheme === undefined || value.scheme === null) ops.push({ set: { scheme } });
    else if (currentScheme !== scheme) fixable = false;
  }
  const path = tail === '/' ? '' : tail;
  if (fixable && path !== '') {
    if (value.path === undefined || value.path === null) ops.push({ set: { path } });
    else if (value.path !== path) fixable = false;
  }
  if (!fixable) {
    return [{ at: ['url'], data: { problem, advice: ' No automatic fix: split the URL by hand (its host, scheme or path is not clear, or clashes with `scheme`/`path`).' } }];
  }
  const parts = ops.map((op) => Object.entries(op.set!).map(([k, v]) => `\`${k}: ${String(v)}\``)[0]);
  return [{ at: ['url'], data: { problem, advice: ` Write ${parts.join(', ')}.` }, fix: ops }];
};
