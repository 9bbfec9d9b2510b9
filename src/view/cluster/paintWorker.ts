/**
 * A worker that owns the cluster view's moving-parts canvas (an OffscreenCanvas), so the
 * page's main thread does no painting for it at all.
 */
import { LivePainter, type PainterMessage } from './livePainter';

let painter: LivePainter | null = null;

self.onmessage = (e: MessageEvent<{ type: 'canvas'; canvas: OffscreenCanvas } | PainterMessage>) => {
  const msg = e.data;
  if (msg.type === 'canvas') {
    const ctx = msg.canvas.getContext('2d');
    if (ctx) painter = new LivePainter(msg.canvas, ctx, (received) => self.postMessage({ type: 'painted', received }));
    return;
  }
  painter?.receive(msg);
};
