/** The tool's name and version, recorded in every export for provenance (kept equal to package.json by a test). */
export const TOOL = { name: 'annotation-workbench', version: '0.1.0' } as const;
