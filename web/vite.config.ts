import { defineConfig } from 'vite';

// The built UI is served by the Samråd server from web/dist; in development, API calls
// go to a server on 127.0.0.1:8080.
export default defineConfig({
  server: { proxy: { '/graphql': 'http://127.0.0.1:8080', '/calendar': 'http://127.0.0.1:8080' } },
  build: { outDir: 'dist', sourcemap: true },
});
