// `npm run bench` / `pnpm bench`: builds what is missing, then runs bench/run.ts
// (figures printed as a table and written to bench/results/latest.json).
import { ROOT, bootstrap, runPnpm } from './lib.mjs';

try {
  bootstrap();
  runPnpm(['--filter', '@pleiade/bench', 'exec', 'tsx', 'run.ts'], { cwd: ROOT });
} catch (error) {
  process.stderr.write(`\n${error.message}\n`);
  process.exit(error.exitCode ?? 1);
}
