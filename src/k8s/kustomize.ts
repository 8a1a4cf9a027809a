// Kustomize: which files a kustomization lists as patches. A patch holds a partial object, so
// it is not required to be complete.
import { isObject, KUSTOMIZE_GROUP, type ManifestObject } from './objects.js';

function join(dir: string, path: string): string {
  const parts = (dir === '' ? [] : dir.split('/')).concat(path.split('/'));
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The files (as the engine names them) that the kustomizations of the run list as patches. */
export function kustomizePatchFiles(kustomizations: readonly ManifestObject[]): Set<string> {
  const files = new Set<string>();
  for (const k of kustomizations) {
    if (k.group !== KUSTOMIZE_GROUP) continue;
    const dir = k.file.includes('/') ? k.file.slice(0, k.file.lastIndexOf('/')) : '';
    const add = (path: unknown) => {
      if (typeof path === 'string' && !path.includes('\n')) files.add(join(dir, path));
    };
    const { patchesStrategicMerge, patches, patchesJson6902 } = k.value;
    if (Array.isArray(patchesStrategicMerge)) patchesStrategicMerge.forEach(add);
    for (const list of [patches, patchesJson6902]) {
      if (Array.isArray(list)) for (const patch of list) if (isObject(patch)) add(patch.path);
    }
  }
  return files;
}
