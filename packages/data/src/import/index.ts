export { importFiles } from './importFiles.js';
export { ImportAborted } from '../formats/importAborted.js';
export type { ImportOptions, ImportProgress, ImportSummary, ImportedSeries, ImportedFile, ConflictSample } from './types.js';
export { publisherFile, H10_DDP_URL, PUBLISHERS, type Publisher, type PublisherFile } from './publisherFile.js';
