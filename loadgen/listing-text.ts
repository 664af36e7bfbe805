/**
 * What a seller writes on an offer: the title (plain, Russian marketplace style with the kind in
 * front, English, or shouting "НОВИНКА!" with stray spaces), the description (plain or HTML from a
 * rich-text editor, with entities), image locations and attributes with the keys each seller
 * happens to use.
 */
import type { ProductFamily } from './families.ts';
import type { Colour, Variant } from './product-kinds.ts';
import { WeightedTable, type Random } from './random.ts';
import { messySpacing, typoInText } from './text-noise.ts';

export interface Offer {
  readonly family: ProductFamily;
  readonly variant?: Variant;
  readonly colour?: Colour;
}

type TitleStyle = 'plain' | 'russian' | 'english' | 'marketplace' | 'messy';

const titleStyles = new WeightedTable<TitleStyle>([
  ['plain', 22],
  ['russian', 42],
  ['english', 12],
  ['marketplace', 14],
  ['messy', 10],
]);

const SHOUTS = ['НОВИНКА! ', '🔥 ', 'Оригинал ', '✅ ', 'ХИТ! '];
const TAILS = ['(новый, оригинал)', '— гарантия 1 год', 'РСТ', 'Global Version', 'EU', '+ подарок'];

function join(...parts: (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined && part !== '').join(' ');
}

/** The title of an offer, as its seller would write it. */
export function offerTitle(rng: Random, { family, variant, colour }: Offer): string {
  // "Смартфон Apple iPhone 14 256 ГБ, синий": the colour after a comma, as marketplaces list it.
  const ruVariant = join(variant?.ru) + (colour ? `, ${colour.ru}` : '');
  const enVariant = join(variant?.en, colour?.en);
  const russian = `${family.ruTitle}${ruVariant.startsWith(',') ? '' : ' '}${ruVariant}`.trim();
  switch (titleStyles.sample(rng)) {
    case 'plain':
      return join(family.name, enVariant);
    case 'russian':
      return russian;
    case 'english':
      return join(family.fullName, enVariant && `${enVariant}`);
    case 'marketplace':
      return `${rng.pick(SHOUTS)}${russian} ${rng.pick(TAILS)}`;
    case 'messy': {
      const text = rng.chance(0.4) ? typoInText(rng, russian) : russian;
      return messySpacing(rng, rng.chance(0.3) ? text.toUpperCase() : text);
    }
  }
}

const EXTRAS_RU = [
  'Официальная гарантия 12 месяцев.',
  'Новый, в заводской упаковке.',
  'Быстрая доставка по всей России.',
  'Отправка в день заказа.',
  'Ростест, полный комплект документов.',
  'Самовывоз из пунктов выдачи.',
  'Оригинальная продукция, чек и гарантийный талон.',
  'Бесплатная доставка от 3000 ₽.',
];
const EXTRAS_EN = ['Official 1-year warranty.', 'Brand new, factory sealed.', 'Ships within 24 hours.'];

/**
 * The description of an offer: the family's own words plus the seller's usual lines, in HTML about
 * a third of the time (lists, bold, `<br>`, `&nbsp;`, `&laquo;…&raquo;`), as rich-text editors save it.
 */
export function offerDescription(rng: Random, { family, variant, colour }: Offer): string {
  const lines = rng.shuffle([...EXTRAS_RU]).slice(0, rng.int(0, 3));
  if (rng.chance(0.15)) lines.push(rng.pick(EXTRAS_EN));
  if (colour && rng.chance(0.5)) lines.push(`Цвет: ${colour.ru}.`);
  if (variant?.ru && rng.chance(0.5)) lines.push(`Конфигурация: ${variant.ru}.`);
  // Seed descriptions are single phrases without a full stop; the seller's lines follow a sentence.
  const base = /[.!?]$/u.test(family.description) ? family.description : `${family.description}.`;
  const layout = rng.weighted<'plain' | 'list' | 'bold' | 'rich'>([
    ['plain', 68],
    ['list', 14],
    ['bold', 10],
    ['rich', 8],
  ]);
  switch (lines.length === 0 && layout !== 'rich' ? 'plain' : layout) {
    case 'plain':
      return [base, ...lines].join(rng.chance(0.3) ? '\n' : ' ');
    case 'list':
      return `<p>${base}</p>\n<ul>${lines.map((line) => `<li>${line}</li>`).join('')}</ul>`;
    case 'bold':
      return `<b>${base}</b><br>${lines.join('<br>')}`;
    case 'rich':
      return (
        `<div class="description"><h3>Описание</h3><p>${base.replace(' ', '&nbsp;')}</p>` +
        `<p>&laquo;${family.fullName}&raquo; &mdash; ${lines[0] ?? 'в наличии.'}</p>` +
        `<p>Гарантия&nbsp;12&nbsp;мес. Доставка &amp; самовывоз.</p></div>`
      );
  }
}

const IMAGE_NAMES = ['front', 'back', 'side', 'box', 'detail', 'in-use'];

/** Image locations in the object store, as the API writes them (`items/<id prefix>/<name>.jpg`). */
export function offerImages(rng: Random, itemId: string): string[] {
  // Some sellers publish before the photos are uploaded.
  const count = rng.chance(0.05) ? 0 : rng.int(1, IMAGE_NAMES.length);
  return IMAGE_NAMES.slice(0, count).map((name) => `items/${itemId.slice(0, 8)}/${name}.jpg`);
}

/** Attributes with the keys each seller uses ("colour", "Цвет", " Color "): a facet to normalise. */
export function offerAttributes(
  rng: Random,
  { family, variant, colour }: Offer,
  brandName: string,
): Record<string, string> {
  const attributes: Record<string, string> = {};
  const russianKeys = rng.chance(0.25);
  attributes[russianKeys ? 'Бренд' : 'brand'] = brandName;
  if (colour)
    attributes[russianKeys ? 'Цвет' : rng.pick(['colour', 'color', ' Colour '])] = russianKeys
      ? colour.ru
      : colour.en;
  if (variant?.ru) attributes[russianKeys ? 'Конфигурация' : 'memory'] = variant.ru;
  if (rng.chance(0.6))
    attributes[russianKeys ? 'Гарантия' : 'warranty'] = rng.pick(['12 мес.', '1 год', '24 мес.']);
  if (rng.chance(0.3))
    attributes[russianKeys ? 'Страна' : 'country'] = rng.pick(['Китай', 'Вьетнам', 'Малайзия', 'Япония']);
  if (family.kind.key === 'smartphone' && rng.chance(0.5))
    attributes.sim = rng.pick(['nano-SIM + eSIM', '2 nano-SIM']);
  return attributes;
}
