import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configure } from '@parvis/widgets/configure.js';
import { App } from './App.js';

// Where the Parvis server is; a real site writes its own address here.
configure({ api: import.meta.env.VITE_PARVIS_API ?? 'http://localhost:8080/api' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
