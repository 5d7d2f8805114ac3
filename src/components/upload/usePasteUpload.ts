/**
 * Ctrl+V anywhere outside a text field reads the clipboard as an upload: pasted files as files,
 * pasted text as a file called "pasted text".
 */
import { useEffect } from 'react';
import { startUpload, textInput } from '../../upload/startUpload.ts';

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, dialog') !== null);
}

export function usePasteUpload(): void {
  useEffect(() => {
    const paste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const files = [...e.clipboardData.files];
      const text = e.clipboardData.getData('text/plain');
      if (files.length === 0 && text.trim() === '') return;
      e.preventDefault();
      void startUpload(files.length > 0 ? files.map((f) => ({ name: f.name, blob: f })) : [textInput('pasted text', text)]);
    };
    document.addEventListener('paste', paste);
    return () => document.removeEventListener('paste', paste);
  }, []);
}
