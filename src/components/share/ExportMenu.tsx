/**
 * Export: the map as SVG or PNG (2x), the plain-text report (the same text as `iova-atlas
 * analyze`, ready for a mail reply; downloaded or copied), and the scenario as JSON.
 */
import { useRef, useState } from 'react';
import { currentReport, equivalentCommand } from '../../export/report.ts';
import { appStore, useApp } from '../../store/appStore.ts';
import { copyText } from './clipboard.ts';
import { downloadPng, downloadReport, downloadSvg } from './exportActions.ts';
import { saveCurrentScenario } from './SaveJsonButton.tsx';

export function ExportMenu() {
  const ready = useApp((s) => s.scenario !== null);
  const command = useApp(equivalentCommand);
  const [status, setStatus] = useState('');
  const menu = useRef<HTMLDetailsElement>(null);
  const run = (what: string, work: () => Promise<void> | void) => async () => {
    setStatus('');
    if (menu.current) menu.current.open = false;
    try {
      await work();
    } catch (e) {
      setStatus(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const copyReport = async () => {
    const report = currentReport(appStore.getState());
    if (report !== null) setStatus((await copyText(report)) ? 'Report copied to the clipboard.' : 'The clipboard is not available here; download the report instead.');
  };
  return (
    <div className="share-group">
      <details ref={menu} className="export-menu">
        <summary>Export</summary>
        <div className="export-items" role="group" aria-label="Export">
          <button type="button" disabled={!ready} onClick={run('SVG export', downloadSvg)}>
            Map as SVG
          </button>
          <button type="button" disabled={!ready} onClick={run('PNG export', downloadPng)}>
            Map as PNG (2×)
          </button>
          <button type="button" disabled={!ready} onClick={run('Report', downloadReport)}>
            Text report
          </button>
          <button type="button" disabled={!ready} onClick={run('Copy', copyReport)}>
            Copy text report
          </button>
          <button type="button" disabled={!ready} onClick={run('Saving the scenario', saveCurrentScenario)}>
            Scenario JSON
          </button>
          {command && (
            <p className="export-note">
              The report is what <code>{command}</code> prints.
            </p>
          )}
        </div>
      </details>
      <p role="status" className="export-status">
        {status}
      </p>
    </div>
  );
}
