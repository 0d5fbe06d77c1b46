/**
 * The desktop app's save dialog for an export, as plain data (structurally Electron's
 * SaveDialogOptions) so that what it asks is tested without Electron: a file name with the
 * format's extension for a one-file format; for a folder format, the name of a new folder the
 * export is written into (the export refuses a folder holding other files itself).
 */
import { join } from 'node:path';
import type { ExportFormatInfo } from '../../shared/formats/export-formats';

export interface ExportSaveDialog {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  /** macOS shows it above the name field. */
  message: string;
  nameFieldLabel: string;
  filters?: Array<{ name: string; extensions: string[] }>;
  properties: Array<'createDirectory' | 'showOverwriteConfirmation'>;
}

export function exportSaveDialog(
  format: ExportFormatInfo,
  suggestedName: string,
  documentsDir: string,
): ExportSaveDialog {
  if (format.output === 'file') {
    return {
      title: `Export ${format.title}`,
      defaultPath: join(documentsDir, suggestedName),
      buttonLabel: 'Export',
      message: format.description,
      nameFieldLabel: 'File name',
      filters: [{ name: format.title, extensions: [format.extension] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
  }
  return {
    title: `Export ${format.title} into a new folder`,
    defaultPath: join(documentsDir, suggestedName),
    buttonLabel: 'Export',
    message: `${format.description} The files go into a new folder of this name.`,
    nameFieldLabel: 'Folder name',
    properties: ['createDirectory'],
  };
}
