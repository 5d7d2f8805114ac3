/** Everything about reading the user's own files: controls, progress or error, what was read, drop and paste. */
import { DropOverlay } from './DropOverlay.tsx';
import { ReadsPanel } from './ReadsPanel.tsx';
import { UploadBar } from './UploadBar.tsx';
import { UploadStatus } from './UploadStatus.tsx';
import { usePasteUpload } from './usePasteUpload.ts';
import './upload.css';

export function Uploads() {
  usePasteUpload();
  return (
    <div className="uploads">
      <UploadBar />
      <UploadStatus />
      <ReadsPanel />
      <DropOverlay />
    </div>
  );
}
