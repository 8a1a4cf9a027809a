// Check functions of the schema-values rules.
import type { CheckFunction } from '../../types.js';

export const FUNCTIONS: Record<string, CheckFunction> = {};
