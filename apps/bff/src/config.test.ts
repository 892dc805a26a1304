import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on embedded defaults with no configuration', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      oidc: undefined,
      seedDemo: true,
      devIdpPort: 3001,
    });
  });

  it('uses the real provider and database when configured, without the demo', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://pleiade@db/pleiade',
      OIDC_ISSUER: 'https://auth.example.fr',
      OIDC_CLIENT_ID: 'pleiade',
      OIDC_CLIENT_SECRET: 's3cret',
      PUBLIC_URL: 'https://bureau.example.fr/',
      SESSION_SECRET: 'x'.repeat(40),
      PORT: '8080',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://auth.example.fr',
      clientId: 'pleiade',
      clientSecret: 's3cret',
      scopes: 'openid profile email groups',
    });
    expect(config.publicUrl).toBe('https://bureau.example.fr');
    expect(config.port).toBe(8080);
    expect(config.seedDemo).toBe(false);
  });

  it('names every missing variable once OIDC is partly configured', () => {
    const problems = problemsOf({ OIDC_ISSUER: 'https://auth.example.fr' });
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'SESSION_SECRET']) {
      expect(
        problems.some((problem) => problem.startsWith(`${name} :`)),
        name,
      ).toBe(true);
    }
  });

  it('names each bad value and what it expects', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      SESSION_SECRET: 'short',
      OIDC_ISSUER: 'ftp://x',
    });
    expect(problems.find((problem) => problem.startsWith('PORT'))).toMatch(/port/);
    expect(problems.find((problem) => problem.startsWith('DATABASE_URL'))).toMatch(/postgres/);
    expect(problems.find((problem) => problem.startsWith('SESSION_SECRET'))).toMatch(/32/);
    expect(problems.find((problem) => problem.startsWith('OIDC_ISSUER'))).toMatch(/http/);
  });

  it('refuses the demo IdP and the embedded database in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.some((problem) => problem.startsWith('OIDC_ISSUER'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('DATABASE_URL'))).toBe(true);
  });

  it('reads the collectivités to create', () => {
    expect(loadConfig({ COLLECTIVITES: 'venissieux=Vénissieux; givors=Ville de Givors' }).collectivites).toEqual([
      { slug: 'venissieux', name: 'Vénissieux' },
      { slug: 'givors', name: 'Ville de Givors' },
    ]);
    expect(problemsOf({ COLLECTIVITES: 'Vénissieux' })[0]).toMatch(/^COLLECTIVITES : une liste/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', OIDC_ISSUER: '' }).oidc).toBeUndefined();
  });
});
