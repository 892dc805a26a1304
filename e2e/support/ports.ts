/** Fixed ports: Playwright evaluates its config in every worker, so they cannot be random. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3180);
export const E2E_IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3181);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
