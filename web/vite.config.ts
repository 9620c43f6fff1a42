import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The built UI is served by the Samråd server from web/dist; in development, API calls
// go to a server on 127.0.0.1:8080 (`ws` passes the live connection at /graphql/ws on).
export default defineConfig({
  plugins: [svelte()],
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8080', ws: true },
      '/calendar': 'http://127.0.0.1:8080',
      '/auth': 'http://127.0.0.1:8080',
      '/attachments': 'http://127.0.0.1:8080',
      '/config.json': 'http://127.0.0.1:8080',
    },
  },
  build: { outDir: 'dist', sourcemap: true },
});
