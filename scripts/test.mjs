// `npm test`: every test tier, then one summary line "N passed, N failed".
//   static checks (typecheck, lint) → unit (vitest) → integration (vitest, real PostgreSQL) → fuzz (fast-check, 10,000
//   random requests to the mutating routes, no 5xx) → end to end (Playwright, Chromium)
//   → redis (vitest, real Redis) → mailcal (real Dovecot + Radicale) → interop (Playwright against a real LemonLDAP::NG, set up here by
//   ../shared/idp/lemonldap/setup.sh)
// Integration, e2e and interop use DATABASE_URL when set (a server whose user may create databases), else
// an embedded PostgreSQL. Options: --only=static,unit,integration,fuzz,redis,mailcal,e2e,interop to run some tiers.
// The interop tier needs a machine that can host LemonLDAP::NG (Debian, root, apt); elsewhere it is
// reported as "not run" with the reason: neither passed nor failed. On such a machine, a failed setup fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from './browser.mjs';
import { installMailCal, startMailCal, whyMailCalCannotRun } from './mailcal.mjs';
import { findRedis } from './redis.mjs';
import { debianVersion, setupLemonldap, whyLemonldapCannotRun } from './lemonldap.mjs';
import { ROOT, bootstrap, log, pnpm } from './lib.mjs';
import { playwrightReport, vitestReport } from './test-reports.mjs';

const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (tier) => !only || only.includes(tier);
const reportsDir = mkdtempSync(path.join(os.tmpdir(), 'pleiade-test-reports-'));
const results = [];

function exec(cwd, args, env = {}) {
  const [command, ...prefix] = pnpm();
  return spawnSync(command, [...prefix, ...args], {
    cwd: path.join(ROOT, cwd),
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}

function record(name, counts, exitStatus, failures = []) {
  // A runner that crashed before reporting counts as one failure, never as a silent pass.
  const crashed = exitStatus !== 0 && counts.failed === 0;
  results.push({
    name,
    passed: counts.passed,
    failed: counts.failed + (crashed ? 1 : 0),
    skipped: counts.skipped,
    failures,
  });
}

function vitest(name, cwd, extraArgs = [], env = {}) {
  log(`Tests ${name}`);
  const report = path.join(reportsDir, `${name.replace(/\W+/g, '-')}.json`);
  const result = exec(
    cwd,
    ['exec', 'vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  const { counts, failures } = existsSync(report)
    ? vitestReport(JSON.parse(readFileSync(report, 'utf8')), path.join(ROOT, cwd))
    : { counts: { passed: 0, failed: 0, skipped: 0 }, failures: [] };
  record(name, counts, result.status, failures);
}

let chromium;
/** Found (or installed) once for both Playwright tiers; throws with the reason when there is none. */
function browser() {
  if (!chromium) {
    chromium = findChromium();
    log(`Navigateur : ${chromium}`);
  }
  return chromium;
}

function playwright(name, extraArgs = []) {
  let executable;
  try {
    executable = browser();
  } catch (error) {
    process.stderr.write(`\n✖ ${error.message}\n\n`);
    record(name, { passed: 0, failed: 1, skipped: 0 }, 1);
    return;
  }
  const report = path.join(reportsDir, `${name.replace(/\W+/g, '-')}.json`);
  const result = exec('e2e', ['exec', 'playwright', 'test', ...extraArgs, '--reporter=list,json'], {
    PLEIADE_CHROMIUM: executable,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  const { counts, failures } = existsSync(report)
    ? playwrightReport(JSON.parse(readFileSync(report, 'utf8')))
    : { counts: { passed: 0, failed: 0, skipped: 0 }, failures: [] };
  record(name, counts, result.status, failures);
}

const REDIS = 'redis: bff';

/**
 * Sessions and rate limits through a real Redis: REDIS_URL when set, else a throwaway redis-server
 * when the binary is installed, else reported as not run (never mocked).
 */
async function redisTier() {
  log('Tests Redis (sessions et limites partagées entre deux instances)');
  let redis;
  try {
    redis = await findRedis();
  } catch (error) {
    process.stderr.write(`\n✖ ${REDIS}: ${error.message}\n\n`);
    record(REDIS, { passed: 0, failed: 1, skipped: 0 }, 1);
    return;
  }
  if (!redis) {
    const reason = 'no Redis: set REDIS_URL, or install redis-server';
    process.stdout.write(`${REDIS}: not run — ${reason}\n`);
    results.push({ name: REDIS, passed: 0, failed: 0, skipped: 0, notRun: reason });
    return;
  }
  log(`Redis : ${redis.url}`);
  try {
    vitest(REDIS, 'apps/bff', ['--project', 'redis'], { REDIS_URL: redis.url });
  } finally {
    await redis.stop();
  }
}

const MAILCAL = 'mailcal: imap, caldav';

/** The standard mail and agenda connectors against real Dovecot and Radicale (Debian packages). */
async function mailcalTier() {
  log('Messagerie et agenda standard : Dovecot (IMAP) et Radicale (CalDAV) réels');
  const reason = whyMailCalCannotRun();
  if (reason) {
    process.stdout.write(`${MAILCAL}: not run — ${reason}\n`);
    results.push({ name: MAILCAL, passed: 0, failed: 0, skipped: 0, notRun: reason });
    return;
  }
  const installed = installMailCal();
  if (!installed.ok) {
    process.stderr.write(`\n✖ ${MAILCAL}: ${installed.problem}\n\n`);
    record(MAILCAL, { passed: 0, failed: 1, skipped: 0 }, 1);
    return;
  }
  const startedAt = Date.now();
  const fixtures = JSON.parse(readFileSync(path.join(ROOT, 'apps/bff/test/mailcal/fixtures.json'), 'utf8'));
  const at = (minutes) => new Date(startedAt + minutes * 60_000);
  let servers;
  try {
    servers = await startMailCal(
      fixtures.users.map((user) => ({
        ...user,
        messages: user.messages.map((message) => ({ ...message, date: at(message.minutes) })),
        events: user.events.map((event) => ({
          ...event,
          start: at(event.startMinutes),
          end: at(event.startMinutes + event.durationMinutes),
        })),
      })),
    );
  } catch (error) {
    process.stderr.write(`\n✖ ${MAILCAL}: ${error.message}\n\n`);
    record(MAILCAL, { passed: 0, failed: 1, skipped: 0 }, 1);
    return;
  }
  try {
    vitest(MAILCAL, 'apps/bff', ['--project', 'mailcal'], {
      MAILCAL_IMAP: `${servers.imap.host}:${servers.imap.port}`,
      MAILCAL_CALDAV: servers.caldavUrl,
      MAILCAL_STARTED_AT: String(startedAt),
    });
  } finally {
    await servers.stop();
  }
}

const INTEROP = 'interop (LemonLDAP::NG)';

function interop() {
  log('Interopérabilité avec LemonLDAP::NG 2.16 (Playwright, Chromium)');
  const reason = whyLemonldapCannotRun();
  if (reason) {
    process.stdout.write(`${INTEROP}: not run — ${reason}\n`);
    results.push({ name: INTEROP, passed: 0, failed: 0, skipped: 0, notRun: reason });
    return;
  }
  log(`LemonLDAP::NG : ../shared/idp/lemonldap/setup.sh (Debian ${debianVersion()})`);
  const setup = setupLemonldap();
  if (!setup.ok) {
    process.stderr.write(`\n✖ ${INTEROP}: setup failed after ${setup.seconds.toFixed(1)} s — ${setup.problem}\n\n`);
    record(INTEROP, { passed: 0, failed: 1, skipped: 0 }, 1);
    return;
  }
  log(`LemonLDAP::NG prêt en ${setup.seconds.toFixed(1)} s`);
  playwright(INTEROP, ['--config', 'playwright.lemonldap.config.ts']);
}

function staticChecks() {
  log('Vérification des types (tsc), du code (eslint) et de la mise en forme (prettier)');
  for (const [name, script] of [
    ['typecheck', 'typecheck'],
    ['lint', 'lint'],
    ['format', 'format:check'],
  ]) {
    const ok = exec('.', ['run', script]).status === 0;
    record(name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, 0);
  }
}

const started = Date.now();
try {
  bootstrap();
} catch (error) {
  rmSync(reportsDir, { recursive: true, force: true });
  process.stderr.write(`\n${error.message}\n0 passed, 1 failed\n`);
  process.exit(1);
}

if (wanted('static')) staticChecks();
if (wanted('unit')) {
  vitest('unit: contracts', 'packages/contracts');
  vitest('unit: dev-idp', 'packages/dev-idp');
  vitest('unit: bff', 'apps/bff', ['--project', 'unit']);
  vitest('unit: web', 'apps/web');
  vitest('unit: simulators', 'packages/simulators');
}
if (wanted('integration')) vitest('integration: bff', 'apps/bff', ['--project', 'integration']);
if (wanted('fuzz')) {
  log('Fuzzing des routes qui modifient (fast-check, 10 000 requêtes au hasard, aucune 5xx)');
  vitest('fuzz: bff', 'apps/bff', ['--project', 'fuzz']);
}
if (wanted('redis')) await redisTier();
if (wanted('mailcal')) await mailcalTier();
if (wanted('e2e')) {
  log('Tests de bout en bout (Playwright, Chromium)');
  playwright('e2e');
}
if (wanted('interop')) interop();
rmSync(reportsDir, { recursive: true, force: true });

const total = results.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
process.stdout.write('\nRésumé\n');
for (const r of results) {
  process.stdout.write(
    r.notRun
      ? `  – ${r.name.padEnd(24)} not run — ${r.notRun}\n`
      : `  ${r.failed > 0 ? '✖' : '✔'} ${r.name.padEnd(24)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}\n`,
  );
}
process.stdout.write(`  durée : ${Math.round((Date.now() - started) / 1000)} s\n\n`);
// Named again here, at the end, because a CI log is often read from its tail.
const failures = results.flatMap((r) => r.failures?.map((f) => `  ✖ ${r.name}: ${f}\n`) ?? []);
if (failures.length > 0) process.stdout.write(`Échecs\n${failures.join('')}\n`);
// Asking only for tiers this machine cannot run is not a pass either.
const ranNothing = total.passed + total.failed === 0;
const notRun = results.filter((r) => r.notRun).length;
if (ranNothing && notRun) process.stdout.write('No test ran: the tiers asked for cannot run on this machine.\n');
if (notRun) process.stdout.write(`${notRun} tier${notRun > 1 ? 's' : ''} not run on this machine (see above).\n`);
// The last line stays exactly "N passed, N failed[, N skipped]": CI reads it.
process.stdout.write(
  `${total.passed} passed, ${total.failed + (ranNothing ? 1 : 0)} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`,
);
process.exit(total.failed > 0 || ranNothing ? 1 : 0);
