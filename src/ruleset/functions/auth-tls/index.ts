// Check functions of the auth-tls rules.
import type { CheckFunction } from '../../types.js';

export const FUNCTIONS: Record<string, CheckFunction> = {};
