import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The SPA/server boundary is a lint error (eslint.config.js); this checks the rule really fires.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repoRoot, 'apps/web/src/probe.ts') });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the SPA cannot import server code', () => {
  it.each([
    ["import { startPleiade } from '@pleiade/bff';", '@pleiade/bff'],
    ["import { startDevIdp } from '@pleiade/dev-idp';", '@pleiade/dev-idp'],
    ["import { createApp } from '../../bff/src/app';", 'a relative path into the BFF'],
    ["import { readFileSync } from 'node:fs';", 'a Node built-in'],
    ["import express from 'express';", 'a server library'],
  ])('%s is a lint error (%s)', async (line) => {
    expect(await restrictedImports(`${line}\nexport const probe = 1;\n`)).toHaveLength(1);
  });

  it('may import the shared contracts', async () => {
    expect(
      await restrictedImports(
        "import { WIDGET_KINDS } from '@pleiade/contracts';\nexport const probe = WIDGET_KINDS;\n",
      ),
    ).toEqual([]);
  });
});
