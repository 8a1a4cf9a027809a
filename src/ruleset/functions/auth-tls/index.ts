// Check functions of the auth-tls rules.
import type { CheckFunction } from '../../types.js';
import { authConflict } from './auth-conflict.js';
import { credentialsOverHttp } from './credentials-over-http.js';
import { httpsWithoutTlsConfig } from './https-without-tls-config.js';
import { tlsConfigInvalid } from './tls-config-invalid.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'auth-conflict': authConflict,
  'credentials-over-http': credentialsOverHttp,
  'https-without-tls-config': httpsWithoutTlsConfig,
  'tls-config-invalid': tlsConfigInvalid,
};
