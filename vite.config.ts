import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server's React Fast Refresh needs an inline preamble script and its client a blob: worker, both of
 * which the page's strict CSP forbids. Relax the policy for `vite serve` only; the built app (what Electron and
 * browser mode load) keeps it exactly as written in index.html.
 */
function devCspRelaxation(): Plugin {
  return {
    name: 'retention-desk:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:"),
  };
}

// In dev, /api goes to a browser-mode backend started separately (`serve --port 5199`); open the dev server
// with the same #secret=… fragment the backend printed. Host and Origin are rewritten to the backend's own
// address because it refuses any other (its guard against DNS rebinding and cross-site posts).
const devBackend = process.env.RD_BACKEND ?? 'http://127.0.0.1:5199';

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs so the same build loads from file:// in Electron and from the browser-mode server.
  base: './',
  plugins: [react(), devCspRelaxation()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Vendor code in its own chunks (each under the 500 kB warning, which stays on to catch growth): they change
    // less often than ours. The chart pages and customer 360 are lazy (App.tsx, CustomerCard.tsx).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack|zustand)[\\/]/ },
            { name: 'date-pickers', test: /node_modules[\\/](@mui[\\/]x-date-pickers|dayjs)/ },
            { name: 'mui', test: /node_modules[\\/](@mui[\\/](?!x-)|@emotion|@popperjs|react-transition-group|stylis)/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: devBackend, changeOrigin: true, headers: { origin: devBackend } } },
  },
});
