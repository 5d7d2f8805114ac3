import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * index.html carries the Content-Security-Policy the built site ships with. Vite's dev server
 * injects inline <style> tags (CSS hot reload) that this policy rightly forbids, so in dev only
 * the meta tag is dropped; the production build and `vite preview` keep it.
 */
function cspOnlyInBuild(): Plugin {
  return {
    name: 'iova-atlas:csp-only-in-build',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    },
  };
}

// base './' keeps every asset URL relative, so the build works from any static host and sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), cspOnlyInBuild()],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
