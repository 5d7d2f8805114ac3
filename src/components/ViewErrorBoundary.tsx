/**
 * The last line of defence against a blank page: if drawing the view ever throws, the user sees
 * what happened as text and can undo the last change or start again from the default view (the
 * link and the autosave that led here are set aside, so a reload cannot fall into it again).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { appHistory } from '../history/appHistory.ts';
import { AUTOSAVE_KEY } from '../share/autosave.ts';

interface State {
  readonly error: Error | null;
}

function openDefaultView(): void {
  try {
    localStorage.removeItem(AUTOSAVE_KEY);
  } catch {
    // Storage refused (private mode, quota): the reload below still drops the link.
  }
  window.location.replace(window.location.href.replace(/#.*$/, ''));
}

export class ViewErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('IOVA Atlas could not draw the view', error, info.componentStack);
  }

  private undo = (): void => {
    appHistory.undo();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="view-error" role="alert">
        <h1>IOVA Atlas could not draw this view</h1>
        <p>{error.message}</p>
        <p>This is a bug in IOVA Atlas, not in your files. You can undo the last change, or start again from the default view.</p>
        <button type="button" onClick={this.undo}>
          Undo the last change
        </button>{' '}
        <button type="button" onClick={openDefaultView}>
          Open the default view
        </button>
      </main>
    );
  }
}
