import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './view/app/App';
import { UpdateBanner } from './view/app/UpdateBanner';
import './view/app/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <UpdateBanner />
    <App />
  </StrictMode>,
);
