// What `npm test` reads from the runners' JSON reports: the counts, and each failed test named with
// the first line of its message, so that the summary at the end of a long log says what broke.
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** The first non-empty line of a failure's message, without colours. */
function firstLine(message = '') {
  const line =
    stripVTControlCharacters(message)
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 300);
}

/** A vitest JSON report (`--reporter=json`); file paths relative to the package that ran it. */
export function vitestReport(json, packageDir) {
  const counts = {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
  const failures = [];
  for (const file of json.testResults ?? []) {
    const where = path.relative(packageDir, file.name);
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      failures.push(`${where} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that failed before any test ran (an import, a hook) has no failed test to name.
    if (failedTests.length === 0 && file.status === 'failed') failures.push(`${where} — ${firstLine(file.message)}`);
  }
  return { counts, failures };
}

/** A Playwright JSON report; a retried test that passed in the end counts as passed. */
export function playwrightReport(json) {
  const counts = {
    passed: json.stats.expected + json.stats.flaky,
    failed: json.stats.unexpected,
    skipped: json.stats.skipped,
  };
  const failures = [];
  const walk = (suite, parents) => {
    // A file's own suite is titled with its path, already given by spec.file.
    const titles = suite.file === suite.title ? parents : [...parents, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(`${spec.file} › ${[...titles, spec.title].join(' › ')} — ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, titles);
  };
  for (const suite of json.suites ?? []) walk(suite, []);
  return { counts, failures };
}
