import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// A relative base lets the built site work under any GitHub Pages sub-path;
// BASE_PATH overrides it when an absolute base is wanted.
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', reportCompressedSize: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
