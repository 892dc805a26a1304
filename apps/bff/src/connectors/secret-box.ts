import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * Connector secrets at rest (OAuth client secrets, Zimbra preauth keys, personal app passwords):
 * AES-256-GCM under a keyring read from the environment. A sealed value names the key that sealed
 * it, so keys can be rotated: put the new key first, keep the old ones listed until every value has
 * been resealed (`needsReencryption`, `reseal`), then drop them.
 *
 * Format: `sb1.<key id>.<iv>.<tag>.<ciphertext>` (base64url). An optional context (the connector
 * instance and field) is bound as additional authenticated data: a sealed value copied to another
 * row does not open there.
 */

const VERSION = 'sb1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const MASK = '[masqué]';

export const CONNECTOR_KEYS_VARIABLE = 'CONNECTOR_KEYS';

export interface ConnectorKey {
  id: string;
  key: Buffer;
}

export class SecretConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretConfigError';
  }
}

/** Opening failed: tampered, sealed under an unknown key, or another context. Never says more. */
export class SecretOpenError extends Error {
  constructor(reason: string) {
    super(`Cannot open the sealed secret: ${reason}`);
    this.name = 'SecretOpenError';
  }
}

/**
 * A plaintext secret that does not leak by accident: logging, string interpolation and JSON give
 * `[masqué]`; only `reveal()` gives the value, at the point it is sent upstream.
 */
export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}

/**
 * Parses `k2:base64…,k1:base64…` (first = current key). The error names the variable and the
 * faulty entry by position and id, never the key material.
 */
export function parseKeyring(value: string | undefined, variable = CONNECTOR_KEYS_VARIABLE): ConnectorKey[] {
  const expected = `expected "id:base64key[,id:base64key…]" with 32-byte keys (generate one with: openssl rand -base64 32)`;
  if (!value?.trim()) throw new SecretConfigError(`${variable} is missing or empty: ${expected}`);
  const keys: ConnectorKey[] = [];
  value.split(',').forEach((raw, index) => {
    const entry = raw.trim();
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const material = separator > 0 ? entry.slice(separator + 1).trim() : '';
    const where = `${variable}: entry ${index + 1}${KEY_ID.test(id) ? ` ("${id}")` : ''}`;
    if (!KEY_ID.test(id)) {
      throw new SecretConfigError(`${where} needs a key id of 1 to 32 letters, digits, "-" or "_"; ${expected}`);
    }
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) {
      throw new SecretConfigError(`${where} is not base64; ${expected}`);
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) {
      throw new SecretConfigError(`${where} decodes to ${key.length} bytes instead of 32; ${expected}`);
    }
    if (keys.some((known) => known.id === id)) throw new SecretConfigError(`${where} repeats the key id "${id}"`);
    keys.push({ id, key });
  });
  return keys;
}

export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly current: ConnectorKey;

  constructor(keyring: readonly ConnectorKey[]) {
    const [current] = keyring;
    if (!current) throw new SecretConfigError('The connector keyring is empty');
    this.current = current;
    this.keys = new Map(keyring.map(({ id, key }) => [id, key]));
  }

  /** From `CONNECTOR_KEYS` (or another variable); throws a {@link SecretConfigError} naming it. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, variable = CONNECTOR_KEYS_VARIABLE): SecretBox {
    return new SecretBox(parseKeyring(env[variable], variable));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string | SecretValue, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(aad(this.current.id, context));
    const text = typeof plaintext === 'string' ? plaintext : plaintext.reveal();
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  }

  /** Throws {@link SecretOpenError} when the value was tampered with or its key is not listed. */
  open(sealed: string, context = ''): SecretValue {
    const { keyId, iv, tag, body } = split(sealed);
    const key = this.keys.get(keyId);
    if (!key) throw new SecretOpenError(`key "${keyId}" is not in the keyring`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(aad(keyId, context));
      decipher.setAuthTag(tag);
      return new SecretValue(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
    } catch {
      throw new SecretOpenError('authentication failed');
    }
  }

  /** True when the value was sealed under an older key (or is not a sealed value at all). */
  needsReencryption(sealed: string): boolean {
    try {
      return split(sealed).keyId !== this.current.id;
    } catch {
      return true;
    }
  }

  /** Opens with whichever key sealed it and seals again under the current key. */
  reseal(sealed: string, context = ''): string {
    return this.needsReencryption(sealed) ? this.seal(this.open(sealed, context), context) : sealed;
  }
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}\u0000${keyId}\u0000${context}`, 'utf8');
}

function split(sealed: string): { keyId: string; iv: Buffer; tag: Buffer; body: Buffer } {
  const [version, keyId, iv, tag, body, extra] = sealed.split('.');
  if (version !== VERSION || !keyId || !iv || !tag || body === undefined || extra !== undefined) {
    throw new SecretOpenError('not a sealed value');
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new SecretOpenError('malformed');
  return { keyId, iv: ivBytes, tag: tagBytes, body: Buffer.from(body, 'base64url') };
}

/** Keys whose values are secrets wherever they appear (settings, errors, log objects). */
const SECRET_KEY =
  /(secret|passw|pwd|token|api[-_]?key|preauth|private[-_]?key|credential|authorization|cookie|^key$)/i;

/**
 * A copy of `value` safe to log or return: values under secret-looking keys, {@link SecretValue}s
 * and sealed values are replaced by `[masqué]`. Handles nesting, arrays and cycles.
 */
export function redact<T>(value: T): T {
  const seen = new WeakMap<object, unknown>();
  const walk = (item: unknown): unknown => {
    if (item instanceof SecretValue) return MASK;
    if (typeof item === 'string') return item.startsWith(`${VERSION}.`) ? MASK : item;
    if (!item || typeof item !== 'object') return item;
    if (seen.has(item)) return seen.get(item);
    if (Array.isArray(item)) {
      const copy: unknown[] = [];
      seen.set(item, copy);
      for (const element of item) copy.push(walk(element));
      return copy;
    }
    if (item instanceof Date || Buffer.isBuffer(item)) return item instanceof Date ? item : MASK;
    const copy: Record<string, unknown> = {};
    seen.set(item, copy);
    for (const [key, element] of Object.entries(item)) {
      copy[key] = SECRET_KEY.test(key) && element !== undefined && element !== null ? MASK : walk(element);
    }
    return copy;
  };
  return walk(value) as T;
}
