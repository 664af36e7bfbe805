import type { Language } from './types.ts';

/**
 * Russian or English, by the share of Cyrillic among the letters of the text.
 *
 * The shop's comments are Russian or English, so a letter count is enough and costs one pass
 * with no allocation. Half or more Cyrillic letters makes it Russian: Russian reviews often name
 * products in Latin ("Отличный iPhone"), English ones almost never contain Cyrillic. A text
 * without letters (emoji, digits) is reported as English, the default model.
 *
 * @example
 * detectLanguage('Отличный iPhone, рекомендую'); // 'ru'
 * detectLanguage('Works great'); // 'en'
 */
export function detectLanguage(text: string): Language {
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      // ASCII letters: fold case with one bit.
      const lower = c | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) latin++;
    } else if (c >= 0x0400 && c <= 0x04ff) {
      cyrillic++;
    } else if (c >= 0x00c0 && c <= 0x024f) {
      latin++;
    }
  }
  return cyrillic > 0 && cyrillic >= latin ? 'ru' : 'en';
}
