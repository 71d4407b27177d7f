/**
 * Thrown when a read (an import's, usually) is stopped through its `AbortSignal`.
 *
 * @example new ImportAborted().message // 'import interrupted'
 */
export class ImportAborted extends Error {
  override readonly name = 'ImportAborted';
  constructor() {
    super('import interrupted');
  }
}
