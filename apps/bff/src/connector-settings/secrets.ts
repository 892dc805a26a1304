import { SecretValue, type SecretBox } from '../connectors/secret-box.js';

/**
 * A connector instance's secrets at rest: one SecretBox-sealed JSON object `{ name: value }`,
 * bound to the instance (context `<id>:secrets`), so a value copied to another row does not open.
 */
export type ConnectorSecrets = Record<string, SecretValue>;

export function secretsContext(instanceId: string): string {
  return `${instanceId}:secrets`;
}

/** Seals the secrets; none at all is stored as null. */
export function sealSecrets(box: SecretBox, instanceId: string, secrets: ConnectorSecrets): string | null {
  const entries = Object.entries(secrets);
  if (entries.length === 0) return null;
  const plain = JSON.stringify(Object.fromEntries(entries.map(([name, value]) => [name, value.reveal()])));
  return box.seal(new SecretValue(plain), secretsContext(instanceId));
}

/** Throws SecretOpenError when the value was tampered with or its key left the keyring. */
export function openSecrets(box: SecretBox, instanceId: string, sealed: string | null): ConnectorSecrets {
  if (sealed === null) return {};
  const parsed = JSON.parse(box.open(sealed, secretsContext(instanceId)).reveal()) as Record<string, unknown>;
  const secrets: ConnectorSecrets = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') secrets[name] = new SecretValue(value);
  }
  return secrets;
}
