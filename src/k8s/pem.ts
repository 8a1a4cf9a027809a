// What the operator's store checks in the TLS data a monitor references (addTLSAssets in
// pkg/assets/tls.go): a CA must hold a PEM block that is an X.509 certificate (pem.Decode, then
// x509.ParseCertificate), and a client certificate and key must make a key pair
// (tls.X509KeyPair). Parsing is Node's (OpenSSL); a problem is reported only where Go fails too.
import { createPrivateKey, X509Certificate } from 'node:crypto';

interface PemBlock {
  type: string;
  der: Buffer;
}

/** The PEM blocks of `text`, as Go's pem.Decode finds them one after another (text around them is skipped). */
function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([^\n-]*)-----\r?\n((?:[A-Za-z0-9-]+:[^\n]*\r?\n)*\r?\n?)?([A-Za-z0-9+/=\s]*?)-----END \1-----/g;
  for (const match of text.matchAll(re)) {
    blocks.push({ type: match[1], der: Buffer.from(match[3].replace(/\s+/g, ''), 'base64') });
  }
  return blocks;
}

function certificate(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

/** Why a CA bundle is refused, or undefined when the operator accepts it (only the first block counts). */
export function caProblem(text: string): string | undefined {
  const [first] = pemBlocks(text);
  if (!first) return 'failed to decode PEM block: it holds no PEM data';
  if (!certificate(first.der)) return `failed to parse certificate: its first PEM block (${first.type}) is not an X.509 certificate`;
  return undefined;
}

/** Why a client certificate and key are refused as a pair (tls.X509KeyPair), or undefined. */
export function keyPairProblem(certText: string, keyText: string): string | undefined {
  const blocks = pemBlocks(certText);
  const certs = blocks.filter((b) => b.type === 'CERTIFICATE');
  if (certs.length === 0) {
    return blocks.some((b) => b.type.endsWith('PRIVATE KEY'))
      ? 'the certificate holds a private key and no CERTIFICATE block: the two may have been switched'
      : 'the certificate holds no CERTIFICATE PEM block';
  }
  const keyBlock = pemBlocks(keyText).find((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'));
  if (!keyBlock) return 'the key holds no PRIVATE KEY PEM block';
  const cert = certificate(certs[0].der);
  if (!cert) return 'the first CERTIFICATE block is not an X.509 certificate';
  if (keyBlock.type === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(keyText)) return 'the private key is encrypted (Prometheus needs it in clear)';
  // Go tries PKCS #1, PKCS #8 and SEC 1 whatever the block's type says.
  const key = (['pkcs1', 'pkcs8', 'sec1'] as const).map((type) => parsedKey(keyBlock.der, type)).find((k) => k !== undefined);
  if (!key) return 'the private key does not parse';
  try {
    return cert.checkPrivateKey(key) ? undefined : 'the private key does not match the public key of the certificate';
  } catch {
    return undefined;
  }
}

function parsedKey(der: Buffer, type: 'pkcs1' | 'pkcs8' | 'sec1') {
  try {
    return createPrivateKey({ key: der, format: 'der', type });
  } catch {
    return undefined;
  }
}
