// Lint for the whole workspace. The SPA/server boundary is enforced here, not by convention:
// apps/web may import only browser-safe packages (@pleiade/contracts), never the BFF, the dev IdP,
// Node built-ins or server libraries.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SERVER_ONLY = [
  '@pleiade/bff',
  '@pleiade/bff/*',
  '@pleiade/dev-idp',
  '@pleiade/dev-idp/*',
  'express',
  'express-session',
  'passport',
  'openid-client',
  'openid-client/*',
  'oidc-provider',
  'pg',
  'pino',
  '@prisma/*',
  'node:*',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/generated/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '.pleiade/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    // Config files run in Node; boundaries.test.ts runs ESLint itself to prove this rule fires.
    ignores: ['apps/web/vite.config.ts', 'apps/web/vitest.config.ts', 'apps/web/src/boundaries.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SERVER_ONLY,
              message: 'The SPA runs in the browser: it may not import server code or server libraries.',
            },
            { regex: '^\\.\\..*/(bff|dev-idp)(/|$)', message: 'The SPA may not import server code.' },
          ],
        },
      ],
    },
  },
);
