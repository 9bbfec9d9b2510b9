import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './view/app/App';
import './view/app/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
