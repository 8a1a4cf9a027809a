// port-not-a-name: an endpoint `port` that is a digit string ("8080") matches only a port NAMED
// "8080". PodMonitors have `portNumber` for the number; for a ServiceMonitor the fix is the name of
// the Service port with that number, when the input has the Service.
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { servicesOf } from '../../relations.js';
import type { CheckFunction, CheckReport, FixOp } from '../../types.js';
import { nameOf, specOf } from './common.js';

interface PortMatch {
  service: ManifestObject;
  name?: string;
  by: 'port' | 'targetPort';
}

/** Ports of the Services numbered `number`: by `port`, or failing that by `targetPort`. */
function portsNumbered(services: ManifestObject[], number: number): PortMatch[] {
  const ports = services.flatMap((service) => {
    const list = specOf(service).ports;
    return Array.isArray(list) ? list.filter(isObject).map((port) => ({ service, port })) : [];
  });
  const named = (p: (typeof ports)[number]) => (typeof p.port.name === 'string' && p.port.name !== '' ? p.port.name : undefined);
  const byPort = ports.filter((p) => Number(p.port.port) === number);
  if (byPort.length > 0) return byPort.map((p) => ({ service: p.service, name: named(p), by: 'port' }));
  return ports.filter((p) => String(p.port.targetPort) === String(number)).map((p) => ({ service: p.service, name: named(p), by: 'targetPort' }));
}

export const portNotAName: CheckFunction = ({ value, object, index }) => {
  if (!isObject(value) || typeof value.port !== 'string' || !/^[0-9]+$/.test(value.port)) return [];
  const number = Number(value.port);
  const data: Record<string, string> = { port: value.port };
  let fix: FixOp[] | undefined;

  if (object.kind === 'PodMonitor') {
    data.what = 'a container port NAMED';
    const inRange = number >= 1 && number <= 65535;
    if (inRange && value.portNumber === undefined) {
      data.advice = `Write \`portNumber: ${number}\` for the container port number, or \`port: <name>\` with the container port's name.`;
      // In place: the key becomes portNumber and the value a number.
      fix = [{ rename: { port: 'portNumber' } }, { set: { portNumber: number } }];
    } else if (inRange && Number(value.portNumber) === number) {
      data.advice = `\`portNumber: ${number}\` already says it: remove \`port\`, which takes precedence.`;
      fix = [{ remove: ['port'] }];
    } else {
      data.advice = "Write the container port's name, or `portNumber` with its number (1-65535).";
    }
    return [{ at: ['port'], data, fix }];
  }

  data.what = 'a Service port NAMED';
  let suggest: CheckReport['suggest'];
  const matches = portsNumbered(servicesOf(object, index).inside, number);
  const names = [...new Set(matches.map((m) => m.name).filter((n): n is string => n !== undefined))];
  const unnamed = matches.filter((m) => m.name === undefined);
  if (names.length === 1 && unnamed.length === 0) {
    const { service, by } = matches[0];
    data.advice = `Write \`port: ${names[0]}\`, the name of the port with ${by === 'port' ? 'number' : 'targetPort'} ${number} of Service ${nameOf(service)}.`;
    // The Service of the input may not be the only one selected: a suggestion.
    suggest = [{ desc: `use port \`${names[0]}\``, ops: [{ set: { port: names[0] } }] }];
  } else if (names.length > 1) {
    data.advice = `Write the name of the Service port you mean: ${names.map((n) => `\`${n}\``).join(' or ')}.`;
  } else if (unnamed.length > 0) {
    data.advice = `Port ${number} of Service ${nameOf(unnamed[0].service)} has no name: name it in the Service and write that name here.`;
  } else {
    data.advice = `Write the name of the Service port (\`spec.ports[].name\`) with number ${number}, or \`targetPort: ${number}\` for the Pods' container port.`;
  }
  return [{ at: ['port'], data, suggest }];
};
