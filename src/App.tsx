/**
 * The page: header (platform, policy, settings), the tools (share, teach and upload bars), the map
 * with its toolbar and overview, and the side panels (verdict, policies, conflicts, details). All
 * state lives in the store.
 */
import { useEffect } from 'react';
import { ConflictsPanel } from './components/ConflictsPanel.tsx';
import { DetailsPanel } from './components/DetailsPanel.tsx';
import { Header } from './components/Header.tsx';
import { MapPanel } from './components/map/MapPanel.tsx';
import { PoliciesPanel } from './components/PoliciesPanel.tsx';
import { ScenarioPanel } from './components/ScenarioPanel.tsx';
import { ShareBar } from './components/share/ShareBar.tsx';
import { StatusLine } from './components/StatusLine.tsx';
import { TeachBar } from './components/teach/TeachBar.tsx';
import { Verdict } from './components/Verdict.tsx';
import { Uploads } from './components/upload/Uploads.tsx';
import { useThemeAttribute } from './components/useThemeAttribute.ts';
import { startBrowserSession } from './share/browserSession.ts';

export function App() {
  useEffect(() => {
    void startBrowserSession();
  }, []);
  useThemeAttribute();
  return (
    <div className="app">
      <Header />
      {/* The toolbars under the header form one landmark, so nothing on the page is outside one. */}
      <nav className="tools" aria-label="Tools">
        <ShareBar />
        <TeachBar />
        <Uploads />
      </nav>
      <StatusLine />
      <main className="workspace">
        <MapPanel />
        <aside className="side" aria-label="Verdict, policies, conflicts, details and sources">
          <Verdict />
          <PoliciesPanel />
          <ConflictsPanel />
          <DetailsPanel />
          <ScenarioPanel />
        </aside>
      </main>
    </div>
  );
}
