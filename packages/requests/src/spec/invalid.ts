import type { ErrorValues } from './requestError.js';

/**
 * What a valid value of a parameter looks like: in English (`en`), and as a
 * stable `rule` with the values it names (`min`, `max`, `values`…) that the
 * dashboard words itself (`expect.<rule>`).
 */
export interface Expectation {
  readonly en: string;
  readonly rule: string;
  readonly values?: ErrorValues;
}

/** Thrown by a parameter kind for a value it refuses; the request names the parameter. */
export class Invalid extends Error {
  constructor(readonly expected: Expectation) {
    super(expected.en);
  }
}
