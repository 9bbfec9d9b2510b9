/**
 * Turning the current moment into files: the SVG document, and a PNG drawn from it at twice
 * its size (the SVG is decoded as an image from a Blob URL and painted on a canvas).
 */
import { useClock, useSim } from '../../store/simStore';
import { pictureFileName, pictureModelFrom, type PictureModel } from './pictureModel';
import { pictureSize, pictureSvg } from './pictureSvg';

/** The picture of what the cluster view shows right now. */
export function currentPicture(): PictureModel {
  return pictureModelFrom(useSim.getState(), useClock.getState().t);
}

export function svgFile(view: PictureModel): { blob: Blob; filename: string } {
  return {
    blob: new Blob([pictureSvg(view)], { type: 'image/svg+xml;charset=utf-8' }),
    filename: pictureFileName(view, 'svg'),
  };
}

/** Decodes an SVG Blob into an image element. */
async function loadImage(svg: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(svg);
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the browser could not decode the SVG picture'));
    });
    img.src = url;
    await loaded;
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The picture as a PNG at `scale` times its size. */
export async function pngFile(view: PictureModel, scale = 2): Promise<{ blob: Blob; filename: string }> {
  const { width, height } = pictureSize(view);
  const img = await loadImage(svgFile(view).blob);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas is available');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the canvas could not be encoded as PNG');
  return { blob, filename: pictureFileName(view, 'png') };
}
