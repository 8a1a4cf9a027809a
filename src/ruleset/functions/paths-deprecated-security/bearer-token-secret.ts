// deprecated-bearer-token-secret: `bearerTokenSecret` becomes
// `authorization: {type: Bearer, credentials: <the same SecretKeySelector>}`, unless another
// authentication method is there too (then the choice is the user's).
import { isObject } from '../../../k8s/objects.js';
import { renderFlow } from '../../../yaml/edits.js';
import type { CheckFunction } from '../../types.js';

const OTHER_METHODS = ['authorization', 'basicAuth', 'oauth2'];

/** A bearerTokenSecret that names a Secret (an empty `{key: ""}` is what old operators printed for "none"). */
export function namesSecret(secret: unknown): secret is Record<string, unknown> {
  return isObject(secret) && typeof secret.name === 'string' && secret.name !== '';
}

export const bearerTokenSecret: CheckFunction = ({ value }) => {
  if (!isObject(value) || !namesSecret(value.bearerTokenSecret)) return [];
  const credentials = value.bearerTokenSecret;
  // An empty `authorization:` counts too: the rename below needs the key to be free.
  const other = OTHER_METHODS.filter((k) => k in value);
  const authorization = { type: 'Bearer', credentials };
  if (other.length > 0 || typeof credentials.key !== 'string' || credentials.key === '') {
    const why =
      other.length === 1 && other[0] === 'authorization' && (value.authorization === null || value.authorization === undefined)
        ? 'there is an empty `authorization:` key; fill it in and delete `bearerTokenSecret`.'
        : other.length > 0
          ? `\`${other.join('`, `')}\` is set as well, and only one method is allowed: decide which to keep.`
          : 'the Secret key is missing.';
    return [{ at: ['bearerTokenSecret'], atKey: true, data: { replacement: renderFlow(authorization), advice: ` No automatic fix: ${why}` } }];
  }
  return [
    {
      at: ['bearerTokenSecret'],
      atKey: true,
      data: { replacement: renderFlow(authorization), advice: '' },
      // Renamed in place and given the new value: no pair is removed, so this works in flow
      // mappings too (the engine rewrites a flow mapping's braces to remove a pair).
      fix: [{ rename: { bearerTokenSecret: 'authorization' }, set: { authorization } }],
    },
  ];
};
