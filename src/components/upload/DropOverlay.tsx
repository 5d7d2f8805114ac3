/**
 * Files (or text) dropped anywhere on the page are read as an upload; while something is dragged
 * over the page a full-page overlay says so. Listeners sit on the window so every part of the page
 * is a drop target.
 */
import { useEffect, useState } from 'react';
import { startUpload, textInput } from '../../upload/startUpload.ts';

function carriesInput(e: DragEvent): boolean {
  const types = e.dataTransfer?.types ?? [];
  return types.includes('Files') || types.includes('text/plain');
}

export function DropOverlay() {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed: count them.
    let depth = 0;
    // Something dragged from the page itself (selected text) is not an upload.
    let draggingFromPage = false;
    const start = () => void (draggingFromPage = true);
    const end = () => void (draggingFromPage = false);
    const enter = (e: DragEvent) => {
      if (draggingFromPage || !carriesInput(e)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (draggingFromPage || !carriesInput(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      const data = e.dataTransfer;
      if (draggingFromPage || !data || !carriesInput(e)) return;
      e.preventDefault();
      const files = [...data.files];
      if (files.length > 0) void startUpload(files.map((f) => ({ name: f.name, blob: f })));
      else {
        const text = data.getData('text/plain');
        if (text.trim() !== '') void startUpload([textInput('dropped text', text)]);
      }
    };
    window.addEventListener('dragstart', start);
    window.addEventListener('dragend', end);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragstart', start);
      window.removeEventListener('dragend', end);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!dragging) return null;
  return (
    <div className="drop-overlay">
      <p>Drop files to read them: device tree, reserved_regions, /proc/iomem, info mtree or scenario JSON.</p>
    </div>
  );
}
