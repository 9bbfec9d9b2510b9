/**
 * The page's view of the simulation: the latest frame from the worker.
 */
import { create } from 'zustand';
import type { Frame } from '../worker/protocol';

interface SimView {
  frame: Frame | null;
  error: string | null;
  setFrame(frame: Frame): void;
  setError(message: string): void;
}

export const useSimStore = create<SimView>((set) => ({
  frame: null,
  error: null,
  setFrame: (frame) => set({ frame }),
  setError: (error) => set({ error }),
}));
