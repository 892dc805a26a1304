// The test LemonLDAP::NG 2.16 + OpenLDAP of ../shared/idp/lemonldap (see its README), set up for the
// `interop` tier of `npm test` (e2e/interop, e2e/playwright.lemonldap.config.ts).
//   node scripts/lemonldap.mjs      as root: installs, configures and starts it with the settings below
// setup.sh is idempotent and updates its configuration in place: the redirect URIs of `npm start`
// with config/lemonldap.env (port 3000) are kept beside those of the interop suite (port 3190).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './lib.mjs';

export const LEMONLDAP_SETUP = path.resolve(ROOT, '..', 'shared', 'idp', 'lemonldap', 'setup.sh');
/** Fixed: registered at the provider. Keep in step with e2e/interop/lemonldap.ts. */
const INTEROP_URL = 'http://localhost:3190';
const START_URL = 'http://localhost:3000';

/** The relying party Pléiade is, for setup.sh (its environment variables). */
export const RELYING_PARTY = {
  OIDC_REQUIRE_PKCE: '1',
  OIDC_REDIRECT_URIS: `${START_URL}/auth/callback ${INTEROP_URL}/auth/callback`,
  OIDC_POST_LOGOUT_REDIRECT_URIS: `${START_URL}/ ${INTEROP_URL}/`,
  OIDC_FRONTCHANNEL_LOGOUT_URI: `${INTEROP_URL}/auth/frontchannel-logout`,
};
/**
 * Other setup.sh settings: left to its defaults, which config/lemonldap.json and the tests rely on
 * (issuer port, client secret, users' password…), whatever the calling shell exports.
 */
const DEFAULTED = [
  'IDP_PORT',
  'IDP_HOST',
  'LDAP_PORT',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_BACKCHANNEL_LOGOUT_URI',
  'OIDC_ACCESS_TOKEN_TTL',
  'IDP_USER_PASSWORD',
];

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

/**
 * Why this machine cannot host the provider (setup.sh wants Debian, root and apt), or undefined
 * when it can. Plain English: it ends up in the test summary.
 */
export function whyLemonldapCannotRun() {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (!existsSync('/etc/debian_version')) return 'not Debian (no /etc/debian_version)';
  if (process.getuid?.() !== 0) return 'not root (setup.sh installs packages and starts daemons)';
  if (!onPath('apt-get')) return 'no apt-get';
  if (!existsSync(LEMONLDAP_SETUP)) return `${path.relative(ROOT, LEMONLDAP_SETUP)} not found`;
  return undefined;
}

/**
 * Runs setup.sh (with bash: in CI shared/ is a read-only copy, its mode is not ours to change).
 * Returns whether it succeeded and how long it took.
 */
export function setupLemonldap() {
  const env = { ...process.env, ...RELYING_PARTY };
  for (const name of DEFAULTED) delete env[name];
  const started = Date.now();
  const result = spawnSync('bash', [LEMONLDAP_SETUP], { cwd: path.dirname(LEMONLDAP_SETUP), stdio: 'inherit', env });
  const seconds = (Date.now() - started) / 1000;
  if (result.error) return { ok: false, seconds, problem: result.error.message };
  if (result.status !== 0) return { ok: false, seconds, problem: `setup.sh exited with code ${result.status}` };
  return { ok: true, seconds };
}

/** Debian's version, for the log (setup.sh targets Debian 12). */
export function debianVersion() {
  try {
    return readFileSync('/etc/debian_version', 'utf8').trim();
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reason = whyLemonldapCannotRun();
  if (reason) {
    process.stderr.write(`LemonLDAP::NG cannot be set up here: ${reason}.\n`);
    process.exit(1);
  }
  const setup = setupLemonldap();
  process.stdout.write(
    `setup.sh ${setup.ok ? 'done' : `failed (${setup.problem})`} in ${setup.seconds.toFixed(1)} s\n`,
  );
  process.exit(setup.ok ? 0 : 1);
}
