// The CRD validators compiled at build time. scripts/build.mjs replaces this module in the bundles
// with the output of scripts/precompile-crds.ts: ajv's standalone code for each kind's CRD in the
// newest release, so that the default run compiles no schema. Run from source (tests, scripts) it
// is empty and crd.ts compiles them on first use.
import type { ValidateFunction } from 'ajv';

export const PRECOMPILED_CRD_VALIDATORS: Record<string, ValidateFunction> | undefined = undefined;
