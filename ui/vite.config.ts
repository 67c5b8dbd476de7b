import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/** The API the dev server forwards to: `npm start` (or any Spean API) on its usual port. */
const apiTarget = process.env.SPEAN_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Cytoscape is most of the bundle; split it so the shell paints while it downloads.
    rollupOptions: { output: { manualChunks: (id) => (id.includes('node_modules/cytoscape') ? 'cytoscape' : undefined) } },
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': apiTarget, '/readyz': apiTarget } },
});
