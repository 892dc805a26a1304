import { defineConfig, defaultClientConditions, defaultServerConditions } from 'vite';
import react from '@vitejs/plugin-react';

/** The BFF the dev server forwards API and sign-in traffic to (same origin in production). */
const BFF_URL = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Workspace packages export their TypeScript sources under 'source': no build step for contracts.
    conditions: ['source', ...defaultClientConditions],
  },
  ssr: {
    resolve: { conditions: ['source', ...defaultServerConditions] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      // changeOrigin stays off: the BFF builds its OIDC redirect URLs from the browser's Host.
      '/api': { target: BFF_URL },
      '/auth': { target: BFF_URL },
    },
  },
});
