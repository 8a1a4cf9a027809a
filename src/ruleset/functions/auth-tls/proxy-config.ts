// The proxy field combinations the operator (ProxyConfig.Validate) and Prometheus reject. A
// helper of auth-conflict: proxy fields sit beside the auth fields of an endpoint, a ScrapeConfig
// and an oauth2 section, and under `prober` in a Probe.
import { goUrlParseError } from '../../../k8s/go-url.js';
import { isObject, type JsonObject } from '../../../k8s/objects.js';
import type { CheckReport } from '../../types.js';
import { isNonEmptyString, rejected } from './common.js';

export function proxyProblems(holder: JsonObject, base: (string | number)[], kind: string): CheckReport[] {
  const out: CheckReport[] = [];
  const report = (at: (string | number)[], detail: string, atKey = true) => out.push({ at: [...base, ...at], atKey, data: { detail } });
  const fromEnvironment = holder.proxyFromEnvironment === true;
  const url = isNonEmptyString(holder.proxyUrl);
  const noProxy = isNonEmptyString(holder.noProxy);
  const headers = isObject(holder.proxyConnectHeader) ? holder.proxyConnectHeader : undefined;
  if (headers && Object.keys(headers).length > 0 && !fromEnvironment && !url) {
    report(['proxyConnectHeader'], `\`proxyConnectHeader\` is set without \`proxyUrl\` or \`proxyFromEnvironment: true\`, so there is no proxy to send the headers to: ${rejected(kind)}. Add the proxy's \`proxyUrl\`, or remove \`proxyConnectHeader\`.`);
  }
  if (fromEnvironment && url) {
    report(['proxyUrl'], `\`proxyUrl\` and \`proxyFromEnvironment: true\` exclude each other: ${rejected(kind)}. Keep \`proxyUrl\` to name the proxy here, or \`proxyFromEnvironment\` to use Prometheus's HTTP_PROXY/HTTPS_PROXY variables, not both.`);
  }
  if (fromEnvironment && noProxy) {
    report(['noProxy'], `\`noProxy\` cannot be combined with \`proxyFromEnvironment: true\` (the NO_PROXY variable applies then): ${rejected(kind)}. Remove \`noProxy\` and set NO_PROXY in Prometheus's environment instead.`);
  } else if (!url && noProxy) {
    report(['noProxy'], `\`noProxy\` is set without \`proxyUrl\`, so there is no proxy to bypass: ${rejected(kind)}. Add \`proxyUrl\`, or remove \`noProxy\`.`);
  }
  for (const [name, selectors] of Object.entries(headers ?? {})) {
    if (!Array.isArray(selectors) || selectors.length === 0) {
      report(['proxyConnectHeader', name], `The proxy header \`${name}\` lists no Secret key: ${rejected(kind)}. Give it at least one \`{name: <secret>, key: <key>}\`, or remove it.`);
      continue;
    }
    selectors.forEach((selector, i) => {
      if (!isObject(selector) || Object.keys(selector).length === 0) {
        report(['proxyConnectHeader', name, i], `The proxy header \`${name}\` has an empty Secret key selector: ${rejected(kind)}. Write \`{name: <secret>, key: <key>}\`.`, false);
      }
    });
  }
  const urlProblem = url ? goUrlParseError(holder.proxyUrl as string) : undefined;
  if (urlProblem) {
    report(['proxyUrl'], `\`proxyUrl: ${holder.proxyUrl as string}\` does not parse as a URL (Go's url.Parse: ${urlProblem}): ${rejected(kind)}. Write it as \`http://<host>:<port>\`, with a host name of letters, digits, \`-\` and \`.\`, and \`%\`-escape the rest.`, false);
  }
  return out;
}
