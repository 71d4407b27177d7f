/** Text in the two languages soukan speaks: English and Japanese. */
export interface Localised {
  readonly en: string;
  readonly ja: string;
}

/** The languages of {@link Localised}. */
export type Lang = keyof Localised;
