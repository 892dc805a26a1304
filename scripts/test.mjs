// `npm test`: every test tier, then one summary line "N passed, N failed".
//   static checks (typecheck, lint) → unit (vitest) → integration (vitest, real PostgreSQL) → end to end (Playwright, Chromium)
// Integration and e2e use DATABASE_URL when set (a server whose user may create databases), else an
// embedded PostgreSQL. Options: --only=unit,integration,e2e,static to run some tiers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from './browser.mjs';
import { ROOT, bootstrap, log, pnpm } from './lib.mjs';

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

function record(name, counts, exitStatus) {
  // A runner that crashed before reporting counts as one failure, never as a silent pass.
  const crashed = exitStatus !== 0 && counts.failed === 0;
  results.push({ name, passed: counts.passed, failed: counts.failed + (crashed ? 1 : 0), skipped: counts.skipped });
}

function vitest(name, cwd, extraArgs = []) {
  log(`Tests ${name}`);
  const report = path.join(reportsDir, `${name.replace(/\W+/g, '-')}.json`);
  const result = exec(cwd, [
    'exec',
    'vitest',
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts.passed = json.numPassedTests;
    counts.failed = json.numFailedTests;
    counts.skipped = json.numPendingTests + json.numTodoTests;
  }
  record(name, counts, result.status);
}

function playwright() {
  log('Tests de bout en bout (Playwright, Chromium)');
  let chromium;
  try {
    chromium = findChromium();
  } catch (error) {
    process.stderr.write(`\n✖ ${error.message}\n\n`);
    record('e2e', { passed: 0, failed: 1, skipped: 0 }, 1);
    return;
  }
  log(`Navigateur : ${chromium}`);
  const report = path.join(reportsDir, 'e2e.json');
  const result = exec('e2e', ['exec', 'playwright', 'test', '--reporter=list,json'], {
    PLEIADE_CHROMIUM: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats;
    counts.passed = stats.expected + stats.flaky;
    counts.failed = stats.unexpected;
    counts.skipped = stats.skipped;
  }
  record('e2e', counts, result.status);
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
  process.stderr.write(`\n${error.message}\n0 passed, 1 failed\n`);
  process.exit(1);
}

if (wanted('static')) staticChecks();
if (wanted('unit')) {
  vitest('unit: contracts', 'packages/contracts');
  vitest('unit: dev-idp', 'packages/dev-idp');
  vitest('unit: bff', 'apps/bff', ['--project', 'unit']);
  vitest('unit: web', 'apps/web');
}
if (wanted('integration')) vitest('integration: bff', 'apps/bff', ['--project', 'integration']);
if (wanted('e2e')) playwright();
rmSync(reportsDir, { recursive: true, force: true });

const total = results.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
process.stdout.write('\nRésumé\n');
for (const r of results) {
  process.stdout.write(
    `  ${r.failed > 0 ? '✖' : '✔'} ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}\n`,
  );
}
process.stdout.write(`  durée : ${Math.round((Date.now() - started) / 1000)} s\n\n`);
const ranNothing = total.passed + total.failed === 0;
process.stdout.write(
  `${total.passed} passed, ${total.failed + (ranNothing ? 1 : 0)} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`,
);
process.exit(total.failed > 0 || ranNothing ? 1 : 0);
