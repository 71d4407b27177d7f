export { importFiles } from './importFiles.js';
export { ImportAborted } from './parseFile.js';
export type { ImportOptions, ImportProgress, ImportSummary, ImportedSeries, ImportedFile, ConflictSample } from './types.js';
