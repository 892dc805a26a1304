// Generates the Prisma Client. Every prisma CLI command first tries to download a native schema
// engine that `generate` does not use; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
// stops that download (see ../shared/docs/environment.md).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib.mjs';

const result = spawnSync(
  path.join(ROOT, 'apps/bff/node_modules/.bin/prisma'),
  ['generate', '--schema', path.join(ROOT, 'prisma/schema.prisma')],
  {
    cwd: path.join(ROOT, 'apps/bff'),
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  },
);
process.exit(result.status ?? 1);
