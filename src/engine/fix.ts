// Turning a check's fix ops into text edits on the file.
import { isMap, type Node, type YAMLMap } from 'yaml';
import type { ManifestObject } from '../k8s/objects.js';
import { locate, type Path } from '../yaml/nodes.js';
import { mergeEdits, OverlappingEdits, patchMap, removeItem, type MapPatch, type TextEdit } from '../yaml/edits.js';
import type { SourceText } from '../yaml/source.js';
import type { FixOp } from '../ruleset/types.js';
import { evaluatePath } from '../ruleset/path.js';

function mergePatch(into: MapPatch, op: MapPatch): void {
  for (const field of ['set', 'add', 'rename'] as const) {
    if (op[field]) into[field] = { ...(into[field] ?? {}), ...op[field] } as never;
  }
  // Appends add up: two ops appending to one list append both items.
  for (const [key, item] of Object.entries(op.append ?? {})) {
    into.appendAll = { ...(into.appendAll ?? {}), [key]: [...(into.appendAll?.[key] ?? []), item] };
  }
  if (op.remove) into.remove = [...(into.remove ?? []), ...op.remove];
}

/**
 * Edits for `ops` applied at `path` (the checked value, relative to the object). Ops whose
 * condition fails or whose target is not a mapping are skipped. Undefined when nothing changes.
 */
export function buildFix(
  source: SourceText,
  object: ManifestObject,
  path: Path,
  value: unknown,
  ops: readonly FixOp[],
  holds: (fact: { name: string; negate: boolean }) => boolean = () => true,
): TextEdit[] | undefined {
  const document = object.document;
  if (!document) return undefined; // read without positions: nothing to edit
  const patches = new Map<YAMLMap, MapPatch>();
  const drops: TextEdit[] = [];
  for (const op of ops) {
    if (op.if && !op.if(value)) continue;
    if (op.unless && op.unless(value)) continue;
    if (op.facts && !op.facts.every(holds)) continue;
    let target = path;
    if (op.in) {
      const reached = evaluatePath(value, op.in, path);
      if (reached.length !== 1) continue;
      target = reached[0].path;
    }
    const found = locate(document.doc.contents as Node, [...object.basePath, ...target]);
    if (op.drop) {
      const index = target[target.length - 1];
      const edit = found?.parent && typeof index === 'number' ? removeItem(source, found.parent, index) : undefined;
      if (edit) drops.push(edit);
      continue;
    }
    const node = found?.node;
    if (!node || !isMap(node)) continue;
    const patch = patches.get(node) ?? {};
    mergePatch(patch, op);
    patches.set(node, patch);
  }
  try {
    // A dropped item takes its edits with it.
    if (drops.length > 0) return mergeEdits(drops);
    const edits: TextEdit[] = [];
    for (const [map, patch] of patches) edits.push(...patchMap(source, document.doc, map, patch));
    if (edits.length === 0) return undefined;
    return mergeEdits(edits);
  } catch (error) {
    // Edits that would change the same text cannot both be right: the finding stays, without them.
    if (error instanceof OverlappingEdits) return undefined;
    throw error;
  }
}
