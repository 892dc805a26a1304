// Helpers shared by the simulator tests (excluded from the build).
import { expect } from 'vitest';

/** Asserts that `value` is an object with exactly the listed keys (documented field names). */
export function expectKeys(value: unknown, keys: readonly string[]): void {
  expect(typeof value).toBe('object');
  expect(value).not.toBeNull();
  expect(Object.keys(value as object).sort()).toEqual([...keys].sort());
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}
