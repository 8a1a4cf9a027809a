// deprecated-prometheus-image-fields: Prometheus `baseImage`, `tag` and `sha` (and the same under
// `thanos`) give way to `image`. The operator builds the image as: `image` if set; else
// `baseImage` as is when it already has a tag or digest; else baseImage@sha256:<sha>, else
// baseImage:<tag>, else baseImage:<version>. The fix writes that image when it does not depend on
// the operator's defaults (a baseImage with a tag or sha) and no `image` exists.
import type { Node } from 'yaml';
import { isObject, type JsonObject } from '../../../k8s/objects.js';
import { locate } from '../../../yaml/nodes.js';
import type { CheckFunction, FixOp } from '../../types.js';

const FIELDS = ['baseImage', 'tag', 'sha'];

interface Options {
  /** The mapping under the checked value that holds the fields: `spec` or `thanos`. */
  section: string;
}

/** Whether an image reference already carries a tag or a digest. */
function tagged(image: string): boolean {
  if (image.includes('@')) return true;
  return image.slice(image.lastIndexOf('/') + 1).includes(':');
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The image the operator runs, when it follows from the fields alone. */
export function imageOf(section: JsonObject): string | undefined {
  const base = text(section.baseImage);
  if (!base || /\s/.test(base)) return undefined;
  if (tagged(base)) return base;
  const sha = text(section.sha);
  if (sha) return /^[A-Fa-f0-9]+$/.test(sha) ? `${base}@sha256:${sha}` : undefined;
  const tag = text(section.tag);
  if (tag) return /^\w[\w.-]{0,127}$/.test(tag) ? `${base}:${tag}` : undefined;
  return undefined;
}

/**
 * The edits that put `image` in place of `baseImage` and drop the other fields. In a block
 * mapping they work on the mapping itself; a flow mapping (`thanos: {baseImage: ..., tag: ...}`)
 * is rewritten whole from its parent, since the engine cannot remove and rename pairs of one flow
 * mapping in one fix.
 */
function fixOps(root: Node, base: readonly (string | number)[], section: string, value: JsonObject, image: string, present: string[]): FixOp[] {
  const node = locate(root, [...base, section])?.node as (Node & { flow?: boolean }) | undefined;
  const others = present.filter((f) => f !== 'baseImage');
  if (!node?.flow) return [{ in: [section], rename: { baseImage: 'image' }, set: { image }, remove: others }];
  if (others.length === 0) return [{ in: [section], rename: { baseImage: 'image' }, set: { image } }];
  const rewritten: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'baseImage') rewritten.image = image;
    else if (!FIELDS.includes(key)) rewritten[key] = v;
  }
  return [{ set: { [section]: rewritten } }];
}

export const prometheusImageFields: CheckFunction = ({ object, value, path, options }) => {
  const { section } = options as Options;
  if (!isObject(value) || !isObject(value[section])) return [];
  const fieldsOf = value[section] as JsonObject;
  const present = Object.keys(fieldsOf).filter((f) => FIELDS.includes(f) && fieldsOf[f] !== null);
  if (present.length === 0) return [];
  const where = section === 'thanos' ? 'spec.thanos' : 'spec';
  const fields = present.map((f) => `\`${f}\``).join(', ');
  const plural = present.length > 1 ? 'are' : 'is';
  const base = { at: [section, present[0]], atKey: true };
  const data = (advice: string) => ({ fields, where, plural, advice });
  if (text(fieldsOf.image)) {
    const them = present.length > 1 ? 'them' : 'it';
    return [{ ...base, data: data(`\`image\` is set and wins, so ${present.length > 1 ? 'they are' : 'it is'} ignored: delete ${them}. No automatic fix, so that you check \`image\` is the one you want.`) }];
  }
  const image = imageOf(fieldsOf);
  if (!image || 'image' in fieldsOf) {
    const why = !text(fieldsOf.baseImage)
      ? "without `baseImage` the registry is the operator's default (its --prometheus-default-base-image flag)"
      : image
        ? 'there is an empty `image` key; fill it in'
        : 'neither `tag` nor `sha` is set (or one is malformed), so the image depends on `version` and the operator';
    return [{ ...base, data: data(`Write the full reference as \`image\`. No automatic fix: ${why}.`) }];
  }
  return [{ ...base, data: data(`Write \`image: ${image}\`.`), fix: object.root ? fixOps(object.root, path, section, fieldsOf, image, present) : undefined }];
};
