/** Where each policy puts the SW_MSI window for the device, and whether that works. */
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/appStore.ts';
import { selectWindowEntries, windowRangeText } from '../store/windowSelectors.ts';

export function PoliciesPanel() {
  const entries = useApp(useShallow(selectWindowEntries));
  const policy = useApp((s) => s.policy);
  const select = useApp((s) => s.select);
  const policies = entries.filter((e) => !e.candidate);
  if (policies.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="policies-title">
      <h2 id="policies-title">Policies</h2>
      <table className="policies">
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">SW_MSI window</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {policies.map((e) => (
            <tr key={e.key} className={e.result.policy === policy ? 'current' : undefined} aria-current={e.result.policy === policy ? 'true' : undefined}>
              <th scope="row">
                <button type="button" className="link" onClick={() => select({ lane: 'windows', key: e.key })}>
                  {e.label.replace(/ policy window$/, '')}
                </button>
              </th>
              <td className="mono">{e.result.window ? windowRangeText(e.result.window) : 'none'}</td>
              <td className={`verdict-word verdict-${e.result.verdict}`}>{e.result.verdict === 'ok' ? 'works' : e.result.verdict === 'conflict' ? 'conflict' : 'no window'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
