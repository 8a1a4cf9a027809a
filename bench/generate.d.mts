// Types for generate.mjs, for the test that lints the benchmark's tree with and without fast paths.
export interface GeneratedTree {
  files: number;
  documents: number;
  monitors: number;
  bytes: number;
  apps: number;
}
export function generateMonorepo(dir: string, options: { files: number; seed?: number }): GeneratedTree;
export function generate(dir: string, options: { apps: number; monitorEvery?: number; podMonitorEvery?: number; brokenEvery?: number; seed?: number }): { files: number; documents: number; monitors: number };
