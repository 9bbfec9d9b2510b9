import { useRef, useState } from 'react';
import { useSim } from '../../store/simStore';
import { ui } from '../../store/uiStore';
import { downloadBlob } from './download';
import { currentPicture, pngFile, svgFile } from './pictureExport';

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Export SVG / Export PNG: a picture of what the cluster view shows right now, for slides and papers. */
export function PictureButtons() {
  const ready = useSim((s) => s.ready);
  const [busy, setBusy] = useState(false);
  // Not a disabled button while busy: that would drop the keyboard focus.
  const working = useRef(false);
  const exportSvg = () => {
    try {
      const { blob, filename } = svgFile(currentPicture());
      downloadBlob(blob, filename);
    } catch (e) {
      ui.notify(`Could not export the SVG picture: ${reason(e)}`);
    }
  };
  const exportPng = () => {
    if (working.current) return;
    let view;
    try {
      // Taken at the click, so the picture shows the moment the person saw.
      view = currentPicture();
    } catch (e) {
      ui.notify(`Could not export the PNG picture: ${reason(e)}`);
      return;
    }
    working.current = true;
    setBusy(true);
    pngFile(view)
      .then(({ blob, filename }) => downloadBlob(blob, filename))
      .catch((e: unknown) => ui.notify(`Could not export the PNG picture: ${reason(e)}`))
      .finally(() => {
        working.current = false;
        setBusy(false);
      });
  };
  return (
    <span className="picture-buttons">
      <button
        type="button"
        onClick={exportSvg}
        disabled={!ready}
        title="Download a picture of the cluster and its logs at this moment, as SVG"
      >
        Export SVG
      </button>
      <button
        type="button"
        onClick={exportPng}
        disabled={!ready}
        aria-busy={busy}
        title="Download a picture of the cluster and its logs at this moment, as PNG (twice the size)"
      >
        Export PNG
      </button>
    </span>
  );
}
