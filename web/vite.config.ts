// The portal bundle: served by the API server at /portal (src/http/portal-web), built to web/dist.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev:portal` proxies the API to a server on :8080; changeOrigin makes the forwarded Origin the
// server's own, which is what its CSRF origin rule accepts (docs/portal-api.md §2).
const API = process.env.PORTAL_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/portal/api': { target: API, changeOrigin: true } } },
});
