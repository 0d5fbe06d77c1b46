/**
 * Saves a finished export in browser mode, where a page can download files but not write a
 * folder: a one-file export downloads as itself, a folder export as one .zip holding the folder
 * (zip.ts says why ZIP). Returns the name of the downloaded file.
 */
import type { ExportPayload } from '../../shared/api';
import { zipArchive } from '../../shared/formats/zip';

export function downloadExport(payload: ExportPayload, time: Date): string {
  const [name, blob] =
    payload.kind === 'file'
      ? [payload.fileName, new Blob([payload.content], { type: payload.mediaType })]
      : [
          `${payload.folderName}.zip`,
          new Blob([zipArchive(payload.folderName, payload.files, time)], {
            type: 'application/zip',
          }),
        ];
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started by then; the object URL only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
