/**
 * What was read from each file of the open upload: the loader's one-line summary (the format
 * detected from the content, then what it held) and its warnings (each located), all as plain text.
 */
import { useApp } from '../../store/appStore.ts';
import { selectOpenUpload } from '../../store/uploadSlice.ts';
import { describeError } from '../../upload/describeError.ts';

/** Warnings listed per file; the rest are counted (a damaged dump can warn on every line). */
const SHOWN_WARNINGS = 20;

export function ReadsPanel() {
  const upload = useApp(selectOpenUpload);
  if (!upload) return null;
  return (
    <section className="panel upload-reads" aria-labelledby="upload-reads-title">
      <h2 id="upload-reads-title">Files read</h2>
      {upload.partial && (
        <p className="upload-partial">
          Partial result: reading stopped at {describeError(upload.partial)} Everything after that point is missing.
        </p>
      )}
      <ul>
        {upload.reads.map((r, i) => (
          <li key={i}>
            <span className="upload-file">{r.file}</span>: {r.summary}
            {r.warnings.length > 0 && (
              <ul aria-label={`Warnings for ${r.file}`}>
                {r.warnings.slice(0, SHOWN_WARNINGS).map((w, j) => (
                  <li key={j} className="upload-warning">
                    {describeError(w)}
                  </li>
                ))}
                {r.warnings.length > SHOWN_WARNINGS && <li>and {r.warnings.length - SHOWN_WARNINGS} more warnings</li>}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
