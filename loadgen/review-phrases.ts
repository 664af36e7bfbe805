/**
 * The phrase bank reviews are assembled from, in Russian and English: openings and closings by
 * how happy the reviewer is, and sentences about what a product's kind is judged on (sound,
 * battery, screen…), good and bad. Mixed reviews join a good sentence and a bad one.
 */
import type { Aspect } from './product-kinds.ts';

export type Language = 'ru' | 'en';

/** How a review feels: 5 stars are delighted, 4 pleased, 3 mixed, 2 disappointed, 1 furious. */
export type Mood = 'delighted' | 'pleased' | 'mixed' | 'disappointed' | 'furious';

type Bank<K extends string> = Readonly<Record<Language, Readonly<Record<K, readonly string[]>>>>;

export const openings: Bank<Mood> = {
  ru: {
    delighted: [
      'Отличный товар!',
      'Супер!',
      'Очень доволен покупкой!',
      'Очень довольна покупкой!',
      'Лучшая покупка в этом году!',
      'Просто восторг.',
      'Всё идеально.',
      'Превосходная вещь, рекомендую.',
    ],
    pleased: [
      'Хороший товар.',
      'В целом доволен.',
      'Хорошая вещь за свои деньги.',
      'Неплохо, рекомендую.',
      'Покупкой довольна.',
      'Хороший выбор.',
    ],
    mixed: [
      'Нормальный товар за свои деньги.',
      'Средне.',
      'Есть плюсы и минусы.',
      'Ожидал большего, но пользоваться можно.',
      'Так себе, но за эту цену сойдёт.',
      'Обычный товар, ничего особенного.',
    ],
    disappointed: [
      'Разочарован.',
      'Не очень, ожидал большего.',
      'Плохое качество за такие деньги.',
      'Не советую.',
      'Покупкой недоволен.',
    ],
    furious: [
      'Ужасное качество, не рекомендую!',
      'Полный брак.',
      'Худшая покупка.',
      'Не покупайте!',
      'Деньги на ветер.',
      'Ужасно, просто ужасно.',
    ],
  },
  en: {
    delighted: [
      'Excellent product!',
      'Absolutely love it.',
      'Best purchase this year!',
      'Perfect, exactly as described.',
      'Amazing value, highly recommend.',
    ],
    pleased: [
      'Good product overall.',
      'Pretty happy with it.',
      'Solid choice for the money.',
      'Works well, I would recommend it.',
    ],
    mixed: [
      "It's okay for the price.",
      'Decent, but not great.',
      'Average product, does the job.',
      'Some good points, some bad ones.',
    ],
    disappointed: [
      'Disappointed.',
      'Not great, expected more.',
      'Poor quality for the price.',
      'Would not recommend.',
    ],
    furious: [
      'Terrible quality, avoid!',
      'Complete waste of money.',
      'Worst purchase ever.',
      'Awful. Do not buy this.',
      'Broken junk.',
    ],
  },
};

export const closings: Bank<'good' | 'bad'> = {
  ru: {
    good: ['Рекомендую!', 'Советую.', 'Спасибо продавцу!', 'Буду заказывать ещё.', 'Всем доволен.'],
    bad: ['Не рекомендую.', 'Больше здесь не закажу.', 'Оформил возврат.', 'Верните деньги!', 'Очень плохо.'],
  },
  en: {
    good: ['Recommended!', 'Thanks to the seller!', 'Will buy again.', 'Very happy.'],
    bad: ['Returning it.', 'Avoid this seller.', 'Never again.', 'Want my money back.'],
  },
};

/** Sentences about one aspect, good and bad. */
export const aspectSentences: Bank<
  `${Aspect}:${'good' | 'bad'}` | 'delivery:good' | 'delivery:bad' | 'price:good' | 'price:bad'
> = {
  ru: {
    'sound:good': ['Звук отличный, басы глубокие.', 'Звук чистый и объёмный.', 'Звучит прекрасно.'],
    'sound:bad': ['Звук ужасный, хрипит на громкости.', 'Звук плоский и глухой.', 'Звук плохой.'],
    'battery:good': ['Батарея держит два дня, это отлично.', 'Аккумулятор хороший, заряда хватает надолго.'],
    'battery:bad': [
      'Батарея садится за полдня, это ужасно.',
      'Аккумулятор слабый, разряжается очень быстро.',
    ],
    'screen:good': ['Экран яркий и чёткий.', 'Отличный экран, картинка прекрасная.'],
    'screen:bad': ['Экран тусклый, на солнце ничего не видно.', 'Экран с битыми пикселями, ужасно.'],
    'camera:good': ['Камера снимает отлично.', 'Фото и видео получаются прекрасные.'],
    'camera:bad': ['Камера снимает плохо, фото мутные.', 'Видео ужасное, всё размыто.'],
    'performance:good': ['Работает быстро, ничего не тормозит.', 'Производительность отличная.'],
    'performance:bad': ['Постоянно тормозит и зависает.', 'Очень медленный, работать невозможно.'],
    'comfort:good': ['Очень удобный, пользоваться приятно.', 'Удобно лежит в руке.'],
    'comfort:bad': ['Неудобный, рука быстро устаёт.', 'Очень неудобно, давит и натирает.'],
    'build:good': ['Сборка качественная, ничего не скрипит.', 'Материалы хорошие, сделано надёжно.'],
    'build:bad': ['Сборка плохая, всё скрипит и люфтит.', 'Развалился через неделю, качество ужасное.'],
    'connection:good': ['Подключается быстро, связь стабильная.', 'Соединение надёжное, без проблем.'],
    'connection:bad': ['Постоянно теряет связь, это бесит.', 'Не подключается, сплошные проблемы.'],
    'suction:good': ['Убирает отлично, мощность хорошая.', 'Чистит прекрасно, даже ковры.'],
    'suction:bad': ['Убирает плохо, мусор остаётся.', 'Мощность слабая, толку никакого.'],
    'delivery:good': ['Доставка быстрая, упаковано надёжно.', 'Привезли быстро, всё целое.'],
    'delivery:bad': [
      'Доставка задержалась на две недели, коробка мятая.',
      'Пришёл с повреждениями, упаковка ужасная.',
    ],
    'price:good': ['Отличное соотношение цена/качество.', 'За такую цену просто отлично.'],
    'price:bad': ['Цена сильно завышена, не стоит своих денег.', 'Слишком дорого за такое качество.'],
  },
  en: {
    'sound:good': ['The sound is great, with deep bass.', 'Sound is clear and rich.'],
    'sound:bad': ['The sound is awful and distorted.', 'Sound is flat and muddy.'],
    'battery:good': ['Battery easily lasts two days.', 'Great battery life.'],
    'battery:bad': ['Battery dies in half a day, terrible.', 'Poor battery life.'],
    'screen:good': ['The screen is bright and sharp.', 'Beautiful display.'],
    'screen:bad': ['The screen is dim and unreadable outdoors.', 'Dead pixels on arrival, awful.'],
    'camera:good': ['The camera takes excellent photos.', 'Great pictures and video.'],
    'camera:bad': ['The camera is bad, photos are blurry.', 'Terrible video quality.'],
    'performance:good': ['Fast and smooth, no lag at all.', 'Performance is excellent.'],
    'performance:bad': ['Constantly lags and freezes.', 'Painfully slow.'],
    'comfort:good': ['Very comfortable to use.', 'Fits perfectly and feels great.'],
    'comfort:bad': ['Uncomfortable after an hour.', 'Really uncomfortable, it hurts.'],
    'build:good': ['Build quality is solid.', 'Feels sturdy and well made.'],
    'build:bad': ['Cheap plastic, it broke within a week.', 'Poorly made, it rattles.'],
    'connection:good': ['Pairs instantly and the connection is stable.', 'Connection is reliable.'],
    'connection:bad': ['Keeps disconnecting, very annoying.', 'Connection is unreliable.'],
    'suction:good': ['Cleans really well, strong suction.', 'Picks up everything, great job.'],
    'suction:bad': ['Weak suction, leaves dirt behind.', 'Useless on carpets.'],
    'delivery:good': ['Fast delivery, well packed.', 'Arrived quickly and in perfect condition.'],
    'delivery:bad': ['Delivery was two weeks late and the box was crushed.', 'Arrived damaged.'],
    'price:good': ['Great value for money.', 'Excellent price for what you get.'],
    'price:bad': ['Way overpriced for what it is.', 'Not worth the money.'],
  },
};

/** Small complaints that keep a good review at four stars. */
export const quibbles: Readonly<Record<Language, readonly string[]>> = {
  ru: ['Единственное, хотелось бы чехол в комплекте.', 'Из мелочей: инструкция только на английском.'],
  en: ['Only wish it came with a case.', 'The manual could be clearer.'],
};

/** What joins the good half of a mixed review to the bad half. */
export const buts: Readonly<Record<Language, readonly string[]>> = {
  ru: ['Но', 'Однако', 'Из минусов:', 'С другой стороны,'],
  en: ['But', 'However,', 'On the downside,'],
};
