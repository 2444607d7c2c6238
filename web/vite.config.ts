import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

// The lab is a static site: relative asset URLs so it also works from a file server
// mounted anywhere, and everything bundled (no CDN, no external fonts).
export default defineConfig({
  root: webDir,
  base: './',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small app; a single chunk keeps the served file list trivial.
    chunkSizeWarningLimit: 1024,
    // Fonts (KaTeX's, on #/derivation) stay files: a data: URL would need font-src data: in the CSP.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
