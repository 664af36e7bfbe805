/**
 * The canonical category taxonomy items are mapped onto: a tree of categories with English and
 * Russian names and the synonyms sellers type, in both languages. It covers every category of the
 * shop's catalogue (shared/data/seed-catalog.json: Смартфоны, Ноутбуки, Аудиотехника, Гаджеты,
 * Аксессуары, Камеры, Умный дом, Игровые консоли, Планшеты, Мониторы, Хранение данных, Дроны) and
 * the usual top-level departments of a general e-shop.
 *
 * Ids are the dotted path of slugs (`electronics.phones`) and are stable: search filters, analytics
 * and dashboards store them. Rename a name freely; never change or reuse a slug.
 *
 * Synonyms are matched after folding (case, ё, punctuation, word order, singular/plural, small
 * typos), so list distinct words, not spelling variants. A phrase that would match two categories
 * fails the taxonomy's test.
 */

export interface TaxonomyNode {
  /** Unique among its siblings; the category id is the dotted path of slugs from the root. */
  readonly slug: string;
  /** English display name; the path of a category is made of these. */
  readonly en: string;
  /** Russian display name. */
  readonly ru: string;
  /** Other names sellers use, Russian and English. The `en` and `ru` names are matched as well. */
  readonly synonyms?: readonly string[];
  readonly children?: readonly TaxonomyNode[];
}

/** One category of the flattened taxonomy. */
export interface TaxonomyCategory {
  /** Dotted path of slugs, e.g. `electronics.phones`. */
  readonly id: string;
  readonly en: string;
  readonly ru: string;
  /** English names from the root, e.g. `['Electronics', 'Phones']`. */
  readonly path: readonly string[];
  /** Russian names from the root, e.g. `['Электроника', 'Телефоны']`. */
  readonly pathRu: readonly string[];
  readonly parentId: string | null;
  /** Every phrase that names this category: `en`, `ru` and the synonyms. */
  readonly names: readonly string[];
}

export const taxonomyTree: readonly TaxonomyNode[] = [
  {
    slug: 'electronics',
    en: 'Electronics',
    ru: 'Электроника',
    synonyms: ['электротехника', 'цифровая техника', 'consumer electronics', 'digital devices'],
    children: [
      {
        slug: 'phones',
        en: 'Phones',
        ru: 'Телефоны',
        synonyms: [
          'смартфоны', 'мобильные телефоны', 'сотовые телефоны', 'мобильники', 'айфоны', 'телефоны и смартфоны',
          'smartphones', 'mobile phones', 'cell phones', 'cellphones', 'mobiles', 'iphones',
        ],
      },
      {
        slug: 'laptops',
        en: 'Laptops',
        ru: 'Ноутбуки',
        synonyms: [
          'лэптопы', 'ультрабуки', 'нетбуки', 'игровые ноутбуки', 'макбуки',
          'notebooks', 'ultrabooks', 'netbooks', 'gaming laptops', 'macbooks',
        ],
      },
      {
        slug: 'tablets',
        en: 'Tablets',
        ru: 'Планшеты',
        synonyms: ['планшетные компьютеры', 'айпады', 'tablet computers', 'tablet pcs', 'ipads'],
      },
      {
        slug: 'e-readers',
        en: 'E-readers',
        ru: 'Электронные книги',
        synonyms: ['ридеры', 'электронные ридеры', 'ebook readers', 'e-book readers', 'kindle'],
      },
      {
        slug: 'computers',
        en: 'Computers',
        ru: 'Компьютеры',
        synonyms: [
          'компьютерная техника', 'настольные компьютеры', 'системные блоки', 'моноблоки', 'пк',
          'компьютеры и ноутбуки', 'desktops', 'desktop computers', 'pcs', 'all-in-ones', 'computers and laptops',
        ],
        children: [
          {
            slug: 'components',
            en: 'Computer components',
            ru: 'Комплектующие',
            synonyms: [
              'комплектующие для пк', 'видеокарты', 'процессоры', 'материнские платы', 'оперативная память',
              'pc components', 'graphics cards', 'video cards', 'processors', 'cpus', 'motherboards', 'ram',
            ],
          },
        ],
      },
      {
        slug: 'monitors',
        en: 'Monitors',
        ru: 'Мониторы',
        synonyms: ['компьютерные мониторы', 'игровые мониторы', 'дисплеи', 'computer monitors', 'displays'],
      },
      {
        slug: 'storage',
        en: 'Data storage',
        ru: 'Хранение данных',
        synonyms: [
          'накопители', 'носители информации', 'жесткие диски', 'ssd', 'ssd накопители', 'hdd', 'флешки',
          'usb флешки', 'карты памяти', 'внешние диски', 'storage', 'storage devices', 'hard drives',
          'hard disks', 'solid state drives', 'flash drives', 'usb drives', 'memory cards', 'external drives',
        ],
      },
      {
        slug: 'accessories',
        en: 'Accessories',
        ru: 'Аксессуары',
        synonyms: [
          'компьютерные аксессуары', 'аксессуары для электроники', 'периферия', 'компьютерная периферия',
          'computer accessories', 'electronics accessories', 'peripherals', 'pc peripherals',
        ],
        children: [
          {
            slug: 'mice',
            en: 'Mice',
            ru: 'Мыши',
            synonyms: ['компьютерные мыши', 'мышки', 'игровые мыши', 'computer mice', 'gaming mice', 'mouse'],
          },
          {
            slug: 'keyboards',
            en: 'Keyboards',
            ru: 'Клавиатуры',
            synonyms: ['механические клавиатуры', 'игровые клавиатуры', 'mechanical keyboards', 'gaming keyboards'],
          },
          {
            slug: 'cases',
            en: 'Cases and screen protectors',
            ru: 'Чехлы и защитные стекла',
            synonyms: ['чехлы', 'защитные стекла', 'защитные пленки', 'cases', 'phone cases', 'screen protectors'],
          },
          {
            slug: 'chargers',
            en: 'Chargers and cables',
            ru: 'Зарядные устройства и кабели',
            synonyms: [
              'зарядные устройства', 'зарядки', 'кабели', 'провода', 'пауэрбанки', 'внешние аккумуляторы',
              'chargers', 'cables', 'power banks', 'adapters',
            ],
          },
        ],
      },
      {
        slug: 'audio',
        en: 'Audio',
        ru: 'Аудиотехника',
        synonyms: ['аудио', 'аудиоаппаратура', 'звуковая техника', 'audio equipment', 'audio devices', 'hi-fi'],
        children: [
          {
            slug: 'headphones',
            en: 'Headphones',
            ru: 'Наушники',
            synonyms: [
              'гарнитуры', 'беспроводные наушники', 'tws наушники', 'игровые наушники', 'игровые гарнитуры',
              'earphones', 'earbuds', 'headsets', 'wireless headphones', 'gaming headsets',
            ],
          },
          {
            slug: 'speakers',
            en: 'Speakers',
            ru: 'Колонки',
            synonyms: [
              'акустика', 'акустические системы', 'портативные колонки', 'беспроводные колонки', 'умные колонки',
              'саундбары', 'portable speakers', 'bluetooth speakers', 'wireless speakers', 'smart speakers', 'soundbars',
            ],
          },
        ],
      },
      {
        slug: 'tv',
        en: 'TVs',
        ru: 'Телевизоры',
        synonyms: [
          'тв', 'телевизор', 'смарт тв', 'тв и видео', 'медиаплееры', 'приставки смарт тв',
          'tv', 'televisions', 'smart tvs', 'tv and video', 'media players', 'streaming devices',
        ],
      },
      {
        slug: 'cameras',
        en: 'Cameras',
        ru: 'Камеры',
        synonyms: [
          'фотоаппараты', 'фотокамеры', 'фототехника', 'фото и видео', 'видеокамеры', 'экшн камеры',
          'беззеркальные камеры', 'зеркальные фотоаппараты', 'photo', 'digital cameras', 'photo and video',
          'camcorders', 'action cameras', 'mirrorless cameras', 'dslr cameras',
        ],
      },
      {
        slug: 'drones',
        en: 'Drones',
        ru: 'Дроны',
        synonyms: ['квадрокоптеры', 'коптеры', 'беспилотники', 'quadcopters', 'uav'],
      },
      {
        slug: 'game-consoles',
        en: 'Game consoles',
        ru: 'Игровые консоли',
        synonyms: [
          'консоли', 'игровые приставки', 'приставки', 'портативные консоли', 'consoles', 'video game consoles',
          'gaming consoles', 'handheld consoles',
        ],
      },
      {
        slug: 'video-games',
        en: 'Video games',
        ru: 'Видеоигры',
        synonyms: ['компьютерные игры', 'игры для консолей', 'игры для пк', 'pc games', 'games for consoles'],
      },
      {
        slug: 'gadgets',
        en: 'Gadgets',
        ru: 'Гаджеты',
        synonyms: ['умные гаджеты', 'электронные гаджеты', 'smart gadgets', 'gizmos'],
        children: [
          {
            slug: 'wearables',
            en: 'Wearables',
            ru: 'Носимые устройства',
            synonyms: [
              'умные часы', 'смарт часы', 'фитнес браслеты', 'фитнес трекеры', 'спортивные часы',
              'носимая электроника', 'smartwatches', 'smart watches', 'fitness trackers', 'fitness bands',
              'sports watches', 'wearable devices',
            ],
          },
          {
            slug: 'vr',
            en: 'Virtual reality',
            ru: 'Виртуальная реальность',
            synonyms: [
              'vr', 'vr гарнитуры', 'vr очки', 'очки виртуальной реальности', 'шлемы виртуальной реальности',
              'vr headsets', 'virtual reality headsets',
            ],
          },
        ],
      },
      {
        slug: 'smart-home',
        en: 'Smart home',
        ru: 'Умный дом',
        synonyms: [
          'устройства умного дома', 'умная техника', 'умные устройства', 'домашняя автоматизация',
          'smart home devices', 'home automation', 'smart devices',
        ],
      },
      {
        slug: 'networking',
        en: 'Networking',
        ru: 'Сетевое оборудование',
        synonyms: ['роутеры', 'маршрутизаторы', 'wi-fi роутеры', 'routers', 'wi-fi routers', 'network equipment'],
      },
    ],
  },
  {
    slug: 'appliances',
    en: 'Home appliances',
    ru: 'Бытовая техника',
    synonyms: ['техника для дома', 'appliances', 'household appliances'],
    children: [
      {
        slug: 'kitchen',
        en: 'Kitchen appliances',
        ru: 'Техника для кухни',
        synonyms: [
          'кухонная техника', 'мелкая бытовая техника', 'кофемашины', 'чайники', 'микроволновки', 'блендеры',
          'мультиварки', 'small appliances', 'coffee machines', 'kettles', 'microwaves', 'blenders',
        ],
      },
      {
        slug: 'vacuum-cleaners',
        en: 'Vacuum cleaners',
        ru: 'Пылесосы',
        synonyms: ['роботы пылесосы', 'вертикальные пылесосы', 'vacuums', 'robot vacuums', 'robot vacuum cleaners'],
      },
      {
        slug: 'large',
        en: 'Large appliances',
        ru: 'Крупная бытовая техника',
        synonyms: [
          'холодильники', 'стиральные машины', 'посудомоечные машины', 'плиты', 'духовые шкафы',
          'refrigerators', 'fridges', 'washing machines', 'dishwashers', 'cookers', 'ovens',
        ],
      },
      {
        slug: 'climate',
        en: 'Climate control',
        ru: 'Климатическая техника',
        synonyms: [
          'кондиционеры', 'обогреватели', 'увлажнители воздуха', 'очистители воздуха', 'вентиляторы',
          'air conditioners', 'heaters', 'humidifiers', 'air purifiers', 'fans',
        ],
      },
      {
        slug: 'personal-care',
        en: 'Personal care appliances',
        ru: 'Техника для красоты и здоровья',
        synonyms: ['фены', 'электробритвы', 'электрические зубные щетки', 'hair dryers', 'shavers', 'electric toothbrushes'],
      },
    ],
  },
  {
    slug: 'home',
    en: 'Home and garden',
    ru: 'Дом и сад',
    synonyms: ['товары для дома', 'для дома', 'дом', 'home', 'home goods', 'household goods', 'home and living'],
    children: [
      {
        slug: 'kitchen',
        en: 'Kitchen and dining',
        ru: 'Посуда и кухня',
        synonyms: [
          'посуда', 'кухня', 'кухонные принадлежности', 'столовые приборы', 'kitchen', 'kitchenware', 'cookware',
          'tableware', 'dishes',
        ],
      },
      {
        slug: 'furniture',
        en: 'Furniture',
        ru: 'Мебель',
        synonyms: ['мягкая мебель', 'корпусная мебель', 'диваны', 'кровати', 'шкафы', 'sofas', 'beds', 'wardrobes'],
      },
      {
        slug: 'textiles',
        en: 'Home textiles',
        ru: 'Домашний текстиль',
        synonyms: ['текстиль', 'постельное белье', 'шторы', 'полотенца', 'bedding', 'bed linen', 'curtains', 'towels'],
      },
      {
        slug: 'decor',
        en: 'Home decor',
        ru: 'Декор',
        synonyms: [
          'декор для дома', 'интерьер', 'предметы интерьера', 'новогодний декор', 'елочные игрушки',
          'новогодние украшения', 'decor', 'interior decor', 'christmas decorations',
        ],
      },
      {
        slug: 'lighting',
        en: 'Lighting',
        ru: 'Освещение',
        synonyms: ['светильники', 'лампы', 'люстры', 'lamps', 'light fixtures', 'chandeliers'],
      },
      {
        slug: 'tools',
        en: 'Tools and DIY',
        ru: 'Строительство и ремонт',
        synonyms: [
          'инструменты', 'электроинструменты', 'ремонт', 'стройматериалы', 'tools', 'power tools', 'diy',
          'hardware', 'home improvement',
        ],
      },
      {
        slug: 'garden',
        en: 'Garden',
        ru: 'Сад и огород',
        synonyms: ['сад', 'дача', 'товары для сада', 'садовая техника', 'gardening', 'garden tools', 'outdoor living'],
      },
    ],
  },
  {
    slug: 'clothing',
    en: 'Clothing',
    ru: 'Одежда',
    synonyms: ['одежда и аксессуары', 'мода', 'clothes', 'apparel', 'fashion', 'garments'],
    children: [
      {
        slug: 'women',
        en: "Women's clothing",
        ru: 'Женская одежда',
        synonyms: ['одежда для женщин', 'для женщин', 'women', 'womenswear', 'womens clothing'],
      },
      {
        slug: 'men',
        en: "Men's clothing",
        ru: 'Мужская одежда',
        synonyms: ['одежда для мужчин', 'для мужчин', 'men', 'menswear', 'mens clothing'],
      },
      {
        slug: 'kids',
        en: "Kids' clothing",
        ru: 'Детская одежда',
        synonyms: ['одежда для детей', 'kids clothing', 'childrens clothing', 'kidswear', 'baby clothes'],
      },
      {
        slug: 'bags',
        en: 'Bags and backpacks',
        ru: 'Сумки и рюкзаки',
        synonyms: ['сумки', 'рюкзаки', 'чемоданы', 'кошельки', 'bags', 'backpacks', 'handbags', 'luggage', 'wallets'],
      },
    ],
  },
  {
    slug: 'shoes',
    en: 'Shoes',
    ru: 'Обувь',
    synonyms: ['footwear'],
    children: [
      {
        slug: 'sneakers',
        en: 'Sneakers',
        ru: 'Кроссовки',
        synonyms: ['кеды', 'спортивная обувь', 'trainers', 'running shoes', 'athletic shoes'],
      },
      {
        slug: 'boots',
        en: 'Boots',
        ru: 'Ботинки и сапоги',
        synonyms: ['ботинки', 'сапоги', 'полусапоги', 'валенки', 'ankle boots'],
      },
    ],
  },
  {
    slug: 'jewelry',
    en: 'Jewellery and watches',
    ru: 'Украшения и часы',
    synonyms: [
      'украшения', 'ювелирные украшения', 'ювелирные изделия', 'бижутерия', 'часы', 'наручные часы',
      'jewellery', 'jewelry', 'watches', 'wristwatches', 'bijouterie',
    ],
  },
  {
    slug: 'beauty',
    en: 'Beauty',
    ru: 'Красота',
    synonyms: ['косметика', 'красота и уход', 'beauty products', 'cosmetics', 'beauty and personal care'],
    children: [
      {
        slug: 'makeup',
        en: 'Makeup',
        ru: 'Декоративная косметика',
        synonyms: ['макияж', 'make up', 'помады', 'туши для ресниц', 'lipsticks', 'mascara'],
      },
      {
        slug: 'skincare',
        en: 'Skincare',
        ru: 'Уход за кожей',
        synonyms: ['уход за лицом', 'уход за телом', 'кремы', 'skin care', 'face care', 'body care', 'creams'],
      },
      {
        slug: 'haircare',
        en: 'Haircare',
        ru: 'Уход за волосами',
        synonyms: ['шампуни', 'средства для волос', 'hair care', 'shampoos', 'hair products'],
      },
      {
        slug: 'perfume',
        en: 'Perfume',
        ru: 'Парфюмерия',
        synonyms: ['духи', 'ароматы', 'туалетная вода', 'perfumes', 'fragrances', 'eau de toilette'],
      },
    ],
  },
  {
    slug: 'health',
    en: 'Health',
    ru: 'Здоровье',
    synonyms: ['аптека', 'товары для здоровья', 'витамины', 'медицинские товары', 'pharmacy', 'vitamins', 'medical supplies'],
  },
  {
    slug: 'sports',
    en: 'Sports and outdoors',
    ru: 'Спорт и отдых',
    synonyms: [
      'спорт', 'спорттовары', 'спортивные товары', 'товары для спорта', 'sport', 'sports', 'sporting goods',
      'sports equipment',
    ],
    children: [
      {
        slug: 'fitness',
        en: 'Fitness',
        ru: 'Фитнес и тренажеры',
        synonyms: ['фитнес', 'тренажеры', 'гантели', 'exercise equipment', 'gym equipment', 'dumbbells'],
      },
      {
        slug: 'cycling',
        en: 'Cycling',
        ru: 'Велоспорт',
        synonyms: ['велосипеды', 'самокаты', 'электросамокаты', 'bicycles', 'bikes', 'scooters', 'e-scooters'],
      },
      {
        slug: 'outdoor',
        en: 'Camping and hiking',
        ru: 'Туризм и кемпинг',
        synonyms: ['туризм', 'кемпинг', 'походное снаряжение', 'палатки', 'camping', 'hiking', 'outdoor gear', 'tents'],
      },
      {
        slug: 'winter',
        en: 'Winter sports',
        ru: 'Зимний спорт',
        synonyms: ['лыжи', 'сноуборды', 'коньки', 'skiing', 'skis', 'snowboards', 'snowboarding', 'skates'],
      },
      {
        slug: 'fishing',
        en: 'Fishing and hunting',
        ru: 'Рыбалка и охота',
        synonyms: ['рыбалка', 'охота', 'рыболовные товары', 'fishing', 'hunting', 'fishing tackle'],
      },
    ],
  },
  {
    slug: 'toys',
    en: 'Toys',
    ru: 'Игрушки',
    synonyms: ['детские игрушки', 'игрушки для детей', 'toys and games', 'kids toys'],
    children: [
      {
        slug: 'construction',
        en: 'Construction sets',
        ru: 'Конструкторы',
        synonyms: ['лего', 'lego', 'building sets', 'building blocks', 'construction toys'],
      },
      {
        slug: 'board-games',
        en: 'Board games',
        ru: 'Настольные игры',
        synonyms: ['настолки', 'пазлы', 'головоломки', 'tabletop games', 'puzzles', 'card games'],
      },
      {
        slug: 'dolls',
        en: 'Dolls',
        ru: 'Куклы',
        synonyms: ['куклы и аксессуары', 'мягкие игрушки', 'dolls and accessories', 'soft toys', 'plush toys'],
      },
      {
        slug: 'rc',
        en: 'Remote control toys',
        ru: 'Радиоуправляемые игрушки',
        synonyms: ['радиоуправляемые машинки', 'игрушки на радиоуправлении', 'rc toys', 'rc cars'],
      },
    ],
  },
  {
    slug: 'kids',
    en: 'Baby and kids',
    ru: 'Детские товары',
    synonyms: ['товары для детей', 'для детей', 'для малышей', 'товары для малышей', 'baby products', 'baby', 'kids'],
    children: [
      {
        slug: 'strollers',
        en: 'Strollers and car seats',
        ru: 'Коляски и автокресла',
        synonyms: ['коляски', 'детские коляски', 'автокресла', 'strollers', 'prams', 'pushchairs', 'car seats'],
      },
      {
        slug: 'diapers',
        en: 'Diapers and baby care',
        ru: 'Подгузники и уход за малышом',
        synonyms: ['подгузники', 'детская гигиена', 'diapers', 'nappies', 'baby care'],
      },
    ],
  },
  {
    slug: 'books',
    en: 'Books',
    ru: 'Книги',
    synonyms: ['литература', 'печатные книги', 'literature', 'printed books'],
    children: [
      {
        slug: 'fiction',
        en: 'Fiction',
        ru: 'Художественная литература',
        synonyms: ['художественные книги', 'романы', 'проза', 'фантастика', 'детективы', 'novels', 'fiction books'],
      },
      {
        slug: 'non-fiction',
        en: 'Non-fiction',
        ru: 'Нон-фикшн',
        synonyms: ['научно популярная литература', 'бизнес литература', 'popular science', 'business books'],
      },
      {
        slug: 'children',
        en: "Children's books",
        ru: 'Детские книги',
        synonyms: ['детская литература', 'книги для детей', 'childrens books', 'kids books'],
      },
      {
        slug: 'education',
        en: 'Textbooks',
        ru: 'Учебная литература',
        synonyms: ['учебники', 'учебные пособия', 'образование', 'educational books', 'education'],
      },
      {
        slug: 'comics',
        en: 'Comics and manga',
        ru: 'Комиксы и манга',
        synonyms: ['комиксы', 'манга', 'графические романы', 'comics', 'manga', 'graphic novels'],
      },
    ],
  },
  {
    slug: 'auto',
    en: 'Automotive',
    ru: 'Автотовары',
    synonyms: ['авто', 'товары для авто', 'для авто', 'автомобили', 'для автомобиля', 'auto', 'car', 'cars', 'car supplies'],
    children: [
      {
        slug: 'parts',
        en: 'Car parts',
        ru: 'Автозапчасти',
        synonyms: ['запчасти', 'запчасти для авто', 'автомобильные запчасти', 'auto parts', 'spare parts', 'car spares'],
      },
      {
        slug: 'tyres',
        en: 'Tyres and wheels',
        ru: 'Шины и диски',
        synonyms: ['шины', 'колеса', 'колесные диски', 'автошины', 'резина', 'tyres', 'tires', 'wheels', 'rims'],
      },
      {
        slug: 'electronics',
        en: 'Car electronics',
        ru: 'Автоэлектроника',
        synonyms: ['видеорегистраторы', 'автомагнитолы', 'радар детекторы', 'dash cams', 'car audio', 'car stereos'],
      },
      {
        slug: 'care',
        en: 'Oils and car care',
        ru: 'Масла и автохимия',
        synonyms: ['автохимия', 'автокосметика', 'моторные масла', 'масла', 'motor oil', 'car care', 'car chemicals'],
      },
      {
        slug: 'accessories',
        en: 'Car accessories',
        ru: 'Автоаксессуары',
        synonyms: ['аксессуары для авто', 'аксессуары для автомобиля', 'автомобильные аксессуары', 'car accessories'],
      },
    ],
  },
  {
    slug: 'grocery',
    en: 'Grocery',
    ru: 'Продукты питания',
    synonyms: ['продукты', 'еда', 'напитки', 'бакалея', 'food', 'groceries', 'food and drinks', 'beverages'],
  },
  {
    slug: 'pets',
    en: 'Pet supplies',
    ru: 'Зоотовары',
    synonyms: ['товары для животных', 'для животных', 'корма для животных', 'pets', 'pet food', 'pet products'],
  },
  {
    slug: 'office',
    en: 'Office and stationery',
    ru: 'Канцелярия',
    synonyms: [
      'канцтовары', 'канцелярские товары', 'товары для офиса', 'школьные принадлежности', 'stationery',
      'office supplies', 'school supplies',
    ],
  },
  {
    slug: 'music',
    en: 'Musical instruments',
    ru: 'Музыкальные инструменты',
    synonyms: ['гитары', 'синтезаторы', 'музыкальное оборудование', 'guitars', 'keyboards and pianos', 'music gear'],
  },
]; // prettier-ignore

/**
 * The taxonomy as a flat list, parents before their children, with ids and paths worked out.
 *
 * @example
 * flattenTaxonomy(taxonomyTree).find((c) => c.id === 'electronics.phones')?.path; // ['Electronics', 'Phones']
 */
export function flattenTaxonomy(
  tree: readonly TaxonomyNode[],
  parent: TaxonomyCategory | null = null,
): TaxonomyCategory[] {
  return tree.flatMap((node) => {
    const category: TaxonomyCategory = {
      id: parent === null ? node.slug : `${parent.id}.${node.slug}`,
      en: node.en,
      ru: node.ru,
      path: [...(parent?.path ?? []), node.en],
      pathRu: [...(parent?.pathRu ?? []), node.ru],
      parentId: parent?.id ?? null,
      names: [node.en, node.ru, ...(node.synonyms ?? [])],
    };
    return [category, ...flattenTaxonomy(node.children ?? [], category)];
  });
}
