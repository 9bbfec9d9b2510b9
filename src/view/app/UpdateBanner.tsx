/// <reference types="vite-plugin-pwa/react" />
import { useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import './updateBanner.css';

/**
 * Registers the service worker that keeps the site working offline (vite.config.ts) and,
 * when a newer version of the site has been downloaded, says so instead of swapping it in:
 * the page goes on as it is until the person presses Reload (or dismisses it with Later).
 * Renders nothing until then, and nothing on the dev server, which has no service worker.
 */
export function UpdateBanner() {
  const [dismissed, setDismissed] = useState(false);
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // The page works without the worker (only not offline): nothing to tell the person.
    onRegisterError: () => undefined,
  });
  // Activates the waiting version; the library reloads the page once that version controls
  // it. A page the worker has never controlled (the first visit) gets no such signal, and the
  // new version is already active for it: it reloads at once.
  const reload = async () => {
    await updateServiceWorker(true);
    if (navigator.serviceWorker.controller === null) window.location.reload();
  };
  if (!needRefresh || dismissed) return null;
  return (
    <div className="update-banner" role="status" aria-label="New version">
      <p>A new version is ready —</p>
      <button type="button" className="primary" onClick={() => void reload()}>
        Reload
      </button>
      <button type="button" className="quiet" onClick={() => setDismissed(true)}>
        Later
      </button>
    </div>
  );
}
