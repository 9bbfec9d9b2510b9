import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

// A relative base lets the built site work under any GitHub Pages sub-path;
// BASE_PATH overrides it when an absolute base is wanted.
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [
    react(),
    // A service worker (Workbox) precaches the built site on the first visit, so the page
    // loads and runs with no network after that. 'prompt': a new version waits until the
    // person presses Reload (src/view/app/UpdateBanner.tsx), never swapped in mid-lecture.
    // The page registers it itself (virtual:pwa-register/react), under the page's own path.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        // The page's script, its lazy chunks, both workers' chunks (assets/simWorker-*.js,
        // assets/paintWorker-*.js), the styles, index.html and the icon.
        globPatterns: ['**/*.{js,css,html,svg}'],
        // Any address under the site (a share link's query or hash) opens the cached page.
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', reportCompressedSize: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
