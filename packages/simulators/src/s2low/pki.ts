// A throwaway PKI for the simulators that speak TLS with client certificates (S2low): one CA, a
// server certificate for the listen address, and client certificates. Made with the `openssl`
// command (the reference implementation, already needed by the repository's TLS tests), P-256
// keys, valid three days, written to a temporary folder that is removed at once.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PemPair {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (unencrypted). */
  key: string;
}

export interface SimulatorPki {
  /** The CA that issued every certificate below: trust it to verify the server, and the server trusts it for clients. */
  ca: PemPair;
  server: PemPair;
  /** Client certificates by name (`CN=<name>`). */
  clients: Record<string, PemPair>;
}

export interface PkiOptions {
  /** Names and addresses the server certificate is valid for (127.0.0.1, ::1 and localhost are always added). */
  hosts?: readonly string[];
  /** Client certificates to issue, by name. */
  clients: readonly string[];
  /** The CA's common name; default "Pléiade simulateurs". */
  caName?: string;
}

const REQ_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`;

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        'The `openssl` command is needed to make the simulators’ TLS certificates (apt-get install openssl)',
      );
    }
    throw error;
  }
}

function subject(name: string): string {
  // openssl -subj wants `/` and `=` escaped inside values.
  return `/O=Pleiade simulateurs/CN=${name.replace(/[/=\\]/g, (c) => `\\${c}`)}`;
}

/** Creates a CA, a server certificate and client certificates (about 50 ms per certificate). */
export async function createSimulatorPki(options: PkiOptions): Promise<SimulatorPki> {
  const dir = await mkdtemp(join(tmpdir(), 'pleiade-sim-pki-'));
  try {
    const config = join(dir, 'req.cnf');
    await writeFile(config, REQ_CONFIG);
    const file = (name: string) => join(dir, name);
    await openssl([
      'req',
      '-x509',
      '-new',
      ...EC_KEY,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-days',
      '3',
      '-subj',
      subject(options.caName ?? 'Pléiade simulateurs'),
      '-config',
      config,
      '-extensions',
      'v3_ca',
      '-utf8',
    ]);

    const hosts = [...new Set(['127.0.0.1', '::1', 'localhost', ...(options.hosts ?? [])])];
    const altNames = hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    const issue = async (name: string, base: string, usage: 'serverAuth' | 'clientAuth') => {
      const ext = file(`${base}.ext`);
      await writeFile(
        ext,
        [
          'basicConstraints = CA:FALSE',
          'keyUsage = critical,digitalSignature',
          `extendedKeyUsage = ${usage}`,
          ...(usage === 'serverAuth' ? [`subjectAltName = ${altNames}`] : []),
        ].join('\n'),
      );
      await openssl([
        'req',
        '-new',
        ...EC_KEY,
        '-keyout',
        file(`${base}.key`),
        '-out',
        file(`${base}.csr`),
        '-subj',
        subject(name),
        '-config',
        config,
        '-utf8',
      ]);
      await openssl([
        'x509',
        '-req',
        '-in',
        file(`${base}.csr`),
        '-CA',
        file('ca.pem'),
        '-CAkey',
        file('ca.key'),
        '-set_serial',
        `0x${randomBytes(12).toString('hex')}`,
        '-days',
        '3',
        '-extfile',
        ext,
        '-out',
        file(`${base}.pem`),
      ]);
      return { cert: await readFile(file(`${base}.pem`), 'utf8'), key: await readFile(file(`${base}.key`), 'utf8') };
    };

    const [server, ...clients] = await Promise.all([
      issue(hosts.find((h) => !isIP(h)) ?? 'localhost', 'server', 'serverAuth'),
      ...options.clients.map((name, i) => issue(name, `client-${i}`, 'clientAuth')),
    ]);
    return {
      ca: { cert: await readFile(file('ca.pem'), 'utf8'), key: await readFile(file('ca.key'), 'utf8') },
      server: server as PemPair,
      clients: Object.fromEntries(options.clients.map((name, i) => [name, clients[i] as PemPair])),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
