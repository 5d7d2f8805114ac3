import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ViewErrorBoundary } from './components/ViewErrorBoundary.tsx';
import './styles/app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ViewErrorBoundary>
        <App />
      </ViewErrorBoundary>
    </StrictMode>,
  );
}
