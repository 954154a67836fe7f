import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The marketing console: built into console/dist and served by the gateway at /console/
 * (gateway/console.ts). `npm start` builds it when the build is missing or older than its sources
 * (scripts/console-build.ts); `npm run console:build` builds it now.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    // one bundle, no inline scripts or styles: the page's Content-Security-Policy allows only files from the gateway
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
