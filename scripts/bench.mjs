// `npm run bench` / `pnpm bench`: builds what is missing, then runs bench/run.ts
// (figures printed as a table and written to bench/results/latest.json).
// `pnpm bench -- --scenario=lb` (two instances behind HAProxy) or `--scenario=soak` (2,000 people,
// 10 minutes): one scenario, its figures merged into latest.json.
import { ROOT, bootstrap, runPnpm } from './lib.mjs';

try {
  bootstrap();
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  runPnpm(['--filter', '@pleiade/bench', 'exec', 'tsx', 'run.ts', ...args], { cwd: ROOT });
} catch (error) {
  process.stderr.write(`\n${error.message}\n`);
  process.exit(error.exitCode ?? 1);
}
