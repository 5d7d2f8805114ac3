/**
 * What the share layer has to tell the user: a damaged link, an autosave that could not be read,
 * a platform version that moved on, a copied link. One message at a time, as plain text.
 */
import { createStore } from 'zustand/vanilla';

export interface Notice {
  /** 'error' is announced at once (role=alert); 'info' politely (role=status). */
  readonly tone: 'error' | 'info';
  readonly text: string;
}

export interface NoticeState {
  readonly notice: Notice | null;
  /** The open upload is too large to travel in a link (the link names it only). */
  readonly uploadOmitted: boolean;
}

export const shareNotices = createStore<NoticeState>()(() => ({ notice: null, uploadOmitted: false }));

export function notify(tone: Notice['tone'], text: string): void {
  shareNotices.setState({ notice: { tone, text } });
}

export function dismissNotice(): void {
  shareNotices.setState({ notice: null });
}
