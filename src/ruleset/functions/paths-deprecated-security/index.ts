// Check functions of the paths-deprecated-security rules.
import type { CheckFunction } from '../../types.js';

export const FUNCTIONS: Record<string, CheckFunction> = {};
