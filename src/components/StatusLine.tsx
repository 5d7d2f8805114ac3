/** Loading and error messages, as text (a bad platform file says where and why). */
import { useApp } from '../store/appStore.ts';

export function StatusLine() {
  const status = useApp((s) => s.loadStatus);
  if (status.state !== 'error') return null;
  return (
    <p className="status-line error" role="alert">
      {status.message}
    </p>
  );
}
