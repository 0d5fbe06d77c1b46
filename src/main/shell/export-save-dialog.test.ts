import { describe, expect, it } from 'vitest';
import { exportFormatInfo } from '../../shared/formats/export-formats';
import { exportSaveDialog } from './export-save-dialog';

describe('exportSaveDialog', () => {
  it('asks for a file name with the format’s extension for a one-file format', () => {
    const options = exportSaveDialog(
      exportFormatInfo('jsonl'),
      'news-alice.jsonl',
      '/home/a/Documents',
    );
    expect(options).toMatchObject({
      title: 'Export spaCy / Prodigy JSONL',
      defaultPath: '/home/a/Documents/news-alice.jsonl',
      nameFieldLabel: 'File name',
      filters: [{ name: 'spaCy / Prodigy JSONL', extensions: ['jsonl'] }],
    });
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('asks for the name of a new folder for a folder format, without file filters', () => {
    const options = exportSaveDialog(exportFormatInfo('csv'), 'news-csv', '/home/a/Documents');
    expect(options).toMatchObject({
      title: 'Export CSV tables into a new folder',
      defaultPath: '/home/a/Documents/news-csv',
      nameFieldLabel: 'Folder name',
    });
    expect(options.filters).toBeUndefined();
    expect(options.properties).toEqual(['createDirectory']);
  });
});
