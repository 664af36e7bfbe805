/**
 * Shopper sessions: a fixed number of shoppers browse at the same time, each a small state machine
 * over the storefront's pages. A session lands from a search engine, a social network or directly,
 * looks at the home page, departments and items, searches (sometimes finding nothing, then
 * retyping or leaving), clicks results (mostly the top ones), adds to the cart, checks out (signing
 * in first if anonymous) and buys, or leaves. When one ends, a new one starts, so the number of
 * concurrent sessions stays the same.
 *
 * Turns are ordered by each shopper's own think time (log-normal: most actions follow within
 * seconds, a few after minutes), so fast and slow shoppers interleave as they do on a real site.
 * Which items shoppers look at follows the catalogue's popularity rank (Zipf), so the most popular
 * tenth of the items gets most of the views.
 */
import type { UserActivity } from '../schemas/types.generated.ts';
import type { Catalogue, CatalogueItem } from './catalogue.ts';
import { categorySlugs } from './category-spellings.ts';
import type { SeedCategory } from './product-kinds.ts';
import { ZipfSampler, type Random } from './random.ts';
import { search, type SearchIndex, type SearchOutcome } from './search.ts';
import { referrers, userAgents, type Source, type UserPool } from './shopper-traits.ts';

/** The storefront the events come from (a reserved example domain). */
export const SHOP_ORIGIN = 'https://shop.example';

/** How strongly shoppers' attention concentrates on popular items (Zipf exponent over the rank). */
export const ITEM_ZIPF_EXPONENT = 1.07;

/** Clicks concentrate on the first results: position p is clicked with weight 1 / p^1.2. */
const POSITION_ZIPF_EXPONENT = 1.2;

type Page =
  | { readonly kind: 'home' }
  | { readonly kind: 'category'; readonly category: SeedCategory }
  | { readonly kind: 'item'; readonly entry: CatalogueItem }
  | { readonly kind: 'search'; readonly outcome: SearchOutcome; readonly searchId: string }
  | { readonly kind: 'seller'; readonly sellerIndex: number; readonly sellerId: string }
  | { readonly kind: 'cart' }
  | { readonly kind: 'login' }
  | { readonly kind: 'checkout' }
  | { readonly kind: 'order-placed' };

interface CartLine {
  readonly entry: CatalogueItem;
  quantity: number;
}

interface Session {
  readonly id: string;
  userId: string | null;
  readonly userAgent: string | null;
  readonly source: Source;
  readonly externalReferrer: string | null;
  /** Null until the session has landed. */
  page: Page | null;
  cart: CartLine[];
  /** The last search that found something, to go back to its results. */
  lastResults: { readonly outcome: SearchOutcome; readonly searchId: string } | null;
  /** Actions left before the shopper leaves anyway. */
  actionsLeft: number;
  /** When its next turn comes, in seconds of the shoppers' own time. */
  due: number;
  /** Event time of its last action: its next actions never come earlier. */
  lastAt: number;
}

export interface ShoppersOptions {
  /** Concurrent sessions. */
  sessions: number;
}

export interface PurchaseListener {
  (userId: string, entry: CatalogueItem): void;
}

type Move =
  | 'search'
  | 'category'
  | 'recommended'
  | 'item'
  | 'similar'
  | 'back-to-results'
  | 'click'
  | 'add-to-cart'
  | 'cart'
  | 'checkout'
  | 'sign-in'
  | 'purchase'
  | 'seller'
  | 'home'
  | 'leave';

const MEAN_ACTIONS = 12;
const SIGNED_IN_SHARE = 0.4;

function pathOf(page: Page): string {
  switch (page.kind) {
    case 'home':
      return '/';
    case 'category':
      return `/catalog/${categorySlugs[page.category]}`;
    case 'item':
      return `/product/${page.entry.item.id}`;
    case 'search':
      return `/search?q=${encodeURIComponent(page.outcome.query)}`;
    case 'seller':
      return `/seller/${page.sellerId}`;
    case 'cart':
      return '/cart';
    case 'login':
      return '/login';
    case 'checkout':
      return '/checkout';
    case 'order-placed':
      return '/checkout/success';
  }
}

/** A binary min-heap of sessions by `due`. */
class SessionQueue {
  private readonly heap: Session[] = [];

  push(session: Session): void {
    const heap = this.heap;
    heap.push(session);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as Session).due <= session.due) break;
      heap[i] = heap[parent] as Session;
      i = parent;
    }
    heap[i] = session;
  }

  pop(): Session {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last) throw new RangeError('pop from an empty session queue');
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child =
          right < heap.length && (heap[right] as Session).due < (heap[left] as Session).due ? right : left;
        if ((heap[child] as Session).due >= last.due) break;
        heap[i] = heap[child] as Session;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

/**
 * The shoppers of the shop, `options.sessions` at a time.
 *
 * @example
 * const shoppers = new Shoppers(rng, catalogue, new SearchIndex(catalogue), users, { sessions: 50 });
 * shoppers.next(Date.UTC(2026, 0, 1)); // [{ type: 'PAGE_VIEW', page: '/', … }]
 */
export class Shoppers {
  private readonly queue = new SessionQueue();
  private readonly items: ZipfSampler;
  private readonly categoryItems = new Map<SeedCategory, ZipfSampler>();
  private readonly sellerItems: CatalogueItem[][];
  private readonly sellerIndexes: ReadonlyMap<CatalogueItem['seller'], number>;
  /** Click position samplers by the number of results shown. */
  private readonly positions: ZipfSampler[] = [];
  private readonly carousel = new ZipfSampler(12, POSITION_ZIPF_EXPONENT);
  private readonly categories: readonly SeedCategory[];
  private clock = 0;
  private purchaseListener: PurchaseListener = () => {};

  constructor(
    private readonly rng: Random,
    private readonly catalogue: Catalogue,
    private readonly index: SearchIndex,
    private readonly users: UserPool,
    options: ShoppersOptions,
  ) {
    this.items = new ZipfSampler(catalogue.byRank.length, ITEM_ZIPF_EXPONENT);
    for (const [category, list] of catalogue.byCategory) {
      this.categoryItems.set(category, new ZipfSampler(list.length, ITEM_ZIPF_EXPONENT));
    }
    this.categories = [...catalogue.byCategory.keys()];
    this.sellerIndexes = new Map(catalogue.sellers.map((seller, i) => [seller, i]));
    this.sellerItems = catalogue.sellers.map(() => []);
    for (const entry of catalogue.byRank)
      this.sellerItems[this.sellerIndexes.get(entry.seller) ?? 0]?.push(entry);
    for (let i = 0; i < options.sessions; i += 1) this.queue.push(this.newSession(rng.exponential(5)));
  }

  /** Called for every purchase by a signed-in shopper (who may review the item later). */
  onPurchase(listener: PurchaseListener): void {
    this.purchaseListener = listener;
  }

  /** The actions of the shopper whose turn is next, all happening at `time` (epoch ms). */
  next(time: number): UserActivity[] {
    for (;;) {
      const session = this.queue.pop();
      this.clock = session.due;
      const events = this.turn(session, Math.max(time, session.lastAt));
      session.lastAt = events.at(-1)?.occurredAt ?? session.lastAt;
      if (session.page !== null) {
        session.due = this.clock + this.rng.logNormal(7, 0.9);
        this.queue.push(session);
      } else {
        // Left: a new shopper arrives in its place.
        this.queue.push(this.newSession(this.clock + this.rng.exponential(2)));
      }
      if (events.length > 0) return events;
    }
  }

  private newSession(due: number): Session {
    const rng = this.rng;
    const [externalReferrer, source] = referrers.sample(rng);
    return {
      id: rng.uuid(),
      userId: rng.chance(SIGNED_IN_SHARE) ? this.users.pick(rng) : null,
      userAgent: userAgents.sample(rng),
      source,
      externalReferrer,
      page: null,
      cart: [],
      lastResults: null,
      actionsLeft: rng.geometric(MEAN_ACTIONS),
      due,
      lastAt: 0,
    };
  }

  /** A 1-based position among `shown` results or listings, the first ones clicked most. */
  private position(shown: number): number {
    const size = Math.min(shown, 60);
    let sampler = this.positions[size];
    if (!sampler) this.positions[size] = sampler = new ZipfSampler(size, POSITION_ZIPF_EXPONENT);
    return sampler.sample(this.rng) + 1;
  }

  private popularItem(): CatalogueItem {
    return this.catalogue.byRank[this.items.sample(this.rng)] as CatalogueItem;
  }

  private itemIn(category: SeedCategory): CatalogueItem {
    const list = this.catalogue.byCategory.get(category);
    const sampler = this.categoryItems.get(category);
    if (!list || !sampler) return this.popularItem();
    return list[sampler.sample(this.rng)] as CatalogueItem;
  }

  private event(
    session: Session,
    time: number,
    type: UserActivity['type'],
    details: Partial<Pick<UserActivity, 'itemId' | 'page' | 'search' | 'click' | 'cart' | 'purchase'>>,
  ): UserActivity {
    return {
      eventId: this.rng.uuid(),
      type,
      sessionId: session.id,
      userId: session.userId,
      occurredAt: time,
      userAgent: session.userAgent,
      referrer: session.page === null ? session.externalReferrer : SHOP_ORIGIN + pathOf(session.page),
      itemId: null,
      page: null,
      search: null,
      click: null,
      cart: null,
      purchase: null,
      ...details,
    };
  }

  /** Shows `page`: a PAGE_VIEW whose referrer is the page the shopper was on. */
  private view(session: Session, time: number, page: Page): UserActivity {
    const event = this.event(session, time, 'PAGE_VIEW', {
      page: pathOf(page),
      itemId: page.kind === 'item' ? page.entry.item.id : null,
    });
    session.page = page;
    return event;
  }

  private land(session: Session, time: number): UserActivity[] {
    const rng = this.rng;
    const where = rng.weighted<'home' | 'item' | 'category'>(
      session.source === 'direct'
        ? [
            ['home', 75],
            ['item', 20],
            ['category', 5],
          ]
        : session.source === 'search-engine'
          ? [
              ['item', 55],
              ['category', 30],
              ['home', 15],
            ]
          : [
              ['item', 70],
              ['home', 20],
              ['category', 10],
            ],
    );
    if (where === 'home') return [this.view(session, time, { kind: 'home' })];
    if (where === 'category')
      return [this.view(session, time, { kind: 'category', category: rng.pick(this.categories) })];
    return [this.view(session, time, { kind: 'item', entry: this.popularItem() })];
  }

  private moves(session: Session, page: Page): readonly (readonly [Move, number])[] {
    const hasCart = session.cart.length > 0;
    switch (page.kind) {
      case 'home':
        return [
          ['search', 35],
          ['category', 25],
          ['recommended', 25],
          ['seller', 3],
          ['cart', hasCart ? 10 : 0],
          ['leave', 12],
        ];
      case 'category':
        return [
          ['item', 60],
          ['search', 15],
          ['category', 8],
          ['home', 5],
          ['leave', 12],
        ];
      case 'search':
        return page.outcome.resultCount > 0
          ? [
              ['click', 62],
              ['search', 18],
              ['leave', 20],
            ]
          : [
              ['search', 55],
              ['home', 15],
              ['leave', 30],
            ];
      case 'item':
        return [
          ['add-to-cart', 8],
          ['similar', 25],
          ['back-to-results', session.lastResults ? 12 : 0],
          ['search', 15],
          ['seller', 3],
          ['cart', hasCart ? 30 : 0],
          ['leave', 25],
        ];
      case 'seller':
        return [
          ['item', 50],
          ['home', 20],
          ['leave', 30],
        ];
      case 'cart':
        return hasCart
          ? [
              ['checkout', 65],
              ['home', 15],
              ['leave', 20],
            ]
          : [
              ['home', 50],
              ['leave', 50],
            ];
      case 'login':
        return [
          ['checkout', 85],
          ['leave', 15],
        ];
      case 'checkout':
        return session.userId === null
          ? [
              ['sign-in', 70],
              ['leave', 30],
            ]
          : [
              ['purchase', 80],
              ['leave', 20],
            ];
      case 'order-placed':
        return [
          ['home', 30],
          ['leave', 70],
        ];
    }
  }

  /** One turn of a session: the events it produces (none when the shopper leaves). */
  private turn(session: Session, time: number): UserActivity[] {
    const rng = this.rng;
    const page = session.page;
    if (page === null) return this.land(session, time);
    session.actionsLeft -= 1;
    const move: Move = session.actionsLeft <= 0 ? 'leave' : rng.weighted(this.moves(session, page));
    switch (move) {
      case 'leave':
        session.page = null;
        return [];
      case 'home':
        return [this.view(session, time, { kind: 'home' })];
      case 'category':
        return [
          this.view(session, time, {
            kind: 'category',
            category:
              page.kind === 'item' ? page.entry.offer.family.kind.category : rng.pick(this.categories),
          }),
        ];
      case 'seller': {
        const sellerIndex =
          page.kind === 'item'
            ? (this.sellerIndexes.get(page.entry.seller) ?? 0)
            : rng.int(0, this.catalogue.sellers.length - 1);
        const sellerId = this.catalogue.sellers[sellerIndex]?.seller.id ?? '';
        return [this.view(session, time, { kind: 'seller', sellerIndex, sellerId })];
      }
      case 'item': {
        if (page.kind === 'seller') {
          const own = this.sellerItems[page.sellerIndex] ?? [];
          if (own.length > 0) {
            const entry = own[this.position(own.length) - 1] as CatalogueItem;
            return [this.view(session, time, { kind: 'item', entry })];
          }
        }
        const entry = page.kind === 'category' ? this.itemIn(page.category) : this.popularItem();
        return [this.view(session, time, { kind: 'item', entry })];
      }
      case 'similar': {
        const category =
          page.kind === 'item' ? page.entry.offer.family.kind.category : rng.pick(this.categories);
        return [this.view(session, time, { kind: 'item', entry: this.itemIn(category) })];
      }
      case 'recommended': {
        // A click on the home page's carousel of popular items: a CLICK without a search.
        const position = this.carousel.sample(rng) + 1;
        const entry = this.catalogue.byRank[
          Math.min(position - 1 + rng.int(0, 20), this.catalogue.byRank.length - 1)
        ] as CatalogueItem;
        const click = this.event(session, time, 'CLICK', {
          itemId: entry.item.id,
          click: { searchId: null, position },
        });
        return [click, this.view(session, time + 1, { kind: 'item', entry })];
      }
      case 'search':
        return [this.search(session, time, page)];
      case 'click':
        return page.kind === 'search' ? this.clickResult(session, time, page.outcome, page.searchId) : [];
      case 'back-to-results': {
        const last = session.lastResults;
        if (!last) return [];
        session.page = { kind: 'search', outcome: last.outcome, searchId: last.searchId };
        return this.clickResult(session, time, last.outcome, last.searchId);
      }
      case 'add-to-cart': {
        if (page.kind !== 'item') return [];
        const quantity = rng.weighted([
          [1, 85],
          [2, 11],
          [3, 4],
        ]);
        // Someone who has started a cart stays a little longer.
        if (session.cart.length === 0) session.actionsLeft += 3;
        const line = session.cart.find((l) => l.entry === page.entry);
        if (line) line.quantity += quantity;
        else session.cart.push({ entry: page.entry, quantity });
        return [this.event(session, time, 'ADD_TO_CART', { itemId: page.entry.item.id, cart: { quantity } })];
      }
      case 'cart':
        return [this.view(session, time, { kind: 'cart' })];
      case 'checkout':
        return [this.view(session, time, { kind: 'checkout' })];
      case 'sign-in':
        // Anonymous shoppers sign in (or sign up) to pay; the session keeps its id.
        session.userId = this.users.pick(rng);
        return [this.view(session, time, { kind: 'login' })];
      case 'purchase':
        return this.purchase(session, time);
    }
  }

  private search(session: Session, time: number, page: Page): UserActivity {
    // What a shopper looks for follows what they were looking at, or what is popular.
    const wanted =
      page.kind === 'item' && this.rng.chance(0.5)
        ? this.itemIn(page.entry.offer.family.kind.category)
        : page.kind === 'category'
          ? this.itemIn(page.category)
          : this.popularItem();
    const outcome = search(this.rng, this.index, wanted);
    const searchId = this.rng.uuid();
    const event = this.event(session, time, 'SEARCH', {
      search: { searchId, query: outcome.query, resultCount: outcome.resultCount },
    });
    session.page = { kind: 'search', outcome, searchId };
    if (outcome.resultCount > 0) session.lastResults = { outcome, searchId };
    return event;
  }

  private clickResult(
    session: Session,
    time: number,
    outcome: SearchOutcome,
    searchId: string,
  ): UserActivity[] {
    const shown = outcome.results.length;
    if (shown === 0) return [];
    // Position bias: the first results get most clicks whatever they are.
    const position = this.position(shown);
    const entry = outcome.results[position - 1] as CatalogueItem;
    const click = this.event(session, time, 'CLICK', {
      itemId: entry.item.id,
      click: { searchId, position },
    });
    return [click, this.view(session, time + 1, { kind: 'item', entry })];
  }

  private purchase(session: Session, time: number): UserActivity[] {
    const orderId = this.rng.uuid();
    const userId = session.userId;
    const events = session.cart.map((line, i) => {
      const { price } = line.entry.item;
      if (userId !== null) this.purchaseListener(userId, line.entry);
      return this.event(session, time + i, 'PURCHASE', {
        itemId: line.entry.item.id,
        purchase: {
          orderId,
          quantity: line.quantity,
          total: { amountMinor: price.amountMinor * line.quantity, currency: price.currency },
        },
      });
    });
    session.cart = [];
    events.push(this.view(session, time + events.length, { kind: 'order-placed' }));
    return events;
  }
}
