// The built-in rules compiled at build time. scripts/build.mjs replaces this module in the bundles
// with the output of scripts/precompile-rules.ts (the rule files validated, their JSON Schema
// conditions compiled by ajv into code), so that `scrapelint` starts without parsing rule files
// or compiling schemas. Run from source (tests, scripts) it is empty and the rules are read from
// rules/, which the tests check gives the same rules.
import type { PrecompiledRules } from './loader.js';

export const PRECOMPILED: PrecompiledRules | undefined = undefined;
