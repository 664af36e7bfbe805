// Generated from schemas/*/v<N>.avsc by schemas/generate-types.ts. Do not edit: run `npm run schemas:types`.

/** What happened to the entity. */
export type ChangeType = 'UNKNOWN' | 'CREATED' | 'UPDATED' | 'DELETED';

/** An amount of money in integer minor units (cents, kopecks) of an ISO 4217 currency, so no rounding ever happens in transit. */
export interface Money {
  /** Amount in minor units of the currency, e.g. 79999 for 799.99. */
  amountMinor: number;
  /** ISO 4217 alphabetic code, e.g. RUB, USD, EUR. */
  currency: string;
}

/** A catalogue item as the shop stores it (not yet normalised). */
export interface Item {
  /** Item id. */
  id: string;
  /** The seller offering the item. */
  sellerId: string;
  /** Title as entered by the seller. */
  title: string;
  /** Description as entered, may contain HTML. */
  description: string;
  /** Category as entered by the seller (free text, any case or language). */
  category: string;
  /** Price as entered. */
  price: Money;
  /** Image locations in the object store. */
  imageUrls: Array<string>;
  /** Free-form attributes (colour, size...). */
  attributes: Record<string, string>;
}

/** An item was created, updated or deleted. Carries the full item after the change (for a deletion: its last state). */
export interface ItemChanged {
  /** Unique id of this event; consumers use it to drop duplicates. */
  eventId: string;
  /** Created, updated or deleted. Unknown future kinds read as UNKNOWN. */
  type: ChangeType;
  /** The item after the change. */
  item: Item;
  /** Version of the entity after this change; grows by one with each change, so stale updates can be ignored. */
  version: number;
  /** Who made the change: a user id, or a service name for automated changes. */
  changedBy: string;
  /** When the change was committed in the source database. */
  occurredAt: number;
}

/** A seller of the shop. */
export interface Seller {
  /** Seller id. */
  id: string;
  /** Display name. */
  name: string;
  /** Average rating from 1 to 5, or null while unrated. */
  rating: null | number;
  /** Region the seller ships from. */
  region: null | string;
}

/** A seller was created, updated or deleted. */
export interface SellerChanged {
  /** Unique id of this event; consumers use it to drop duplicates. */
  eventId: string;
  /** Created, updated or deleted. Unknown future kinds read as UNKNOWN. */
  type: ChangeType;
  /** The seller after the change. */
  seller: Seller;
  /** Version of the entity after this change; grows by one with each change, so stale updates can be ignored. */
  version: number;
  /** Who made the change: a user id, or a service name for automated changes. */
  changedBy: string;
  /** When the change was committed in the source database. */
  occurredAt: number;
}

/** A review of an item. */
export interface Comment {
  /** Comment id. */
  id: string;
  /** The reviewed item. */
  itemId: string;
  /** The author (user id). */
  authorId: string;
  /** Review text as written. */
  text: string;
  /** Star rating from 1 to 5. */
  rating: number;
}

/** A review was created, updated or deleted. */
export interface CommentChanged {
  /** Unique id of this event; consumers use it to drop duplicates. */
  eventId: string;
  /** Created, updated or deleted. Unknown future kinds read as UNKNOWN. */
  type: ChangeType;
  /** The comment after the change. */
  comment: Comment;
  /** Version of the entity after this change; grows by one with each change, so stale updates can be ignored. */
  version: number;
  /** Who made the change: a user id, or a service name for automated changes. */
  changedBy: string;
  /** When the change was committed in the source database. */
  occurredAt: number;
}

/** Kind of action. */
export type ActivityType = 'UNKNOWN' | 'PAGE_VIEW' | 'SEARCH' | 'CLICK' | 'ADD_TO_CART' | 'PURCHASE';

/** A search as typed. */
export interface SearchDetails {
  /** Id of this search, referenced by clicks on its results. */
  searchId: string;
  /** The query as typed. */
  query: string;
  /** How many results were found (0: the search found nothing). */
  resultCount: number;
}

/** A click on a search result. */
export interface ClickDetails {
  /** The search whose result was clicked, if any. */
  searchId: null | string;
  /** 1-based position of the clicked result. */
  position: number;
}

/** An item added to the cart. */
export interface CartDetails {
  /** How many were added. */
  quantity: number;
}

/** A purchase of one item line. */
export interface PurchaseDetails {
  /** The order. */
  orderId: string;
  /** How many were bought. */
  quantity: number;
  /** What the line cost. */
  total: Money;
}

/** One action of a shopper: a page view, a search, a click on a result, an add to cart or a purchase. */
export interface UserActivity {
  /** Unique id of this event; consumers use it to drop duplicates. */
  eventId: string;
  /** Which action; the matching detail field is set. */
  type: ActivityType;
  /** Browser session. */
  sessionId: string;
  /** Signed-in user, or null for anonymous shoppers. */
  userId: null | string;
  /** When the action happened (client clock, checked by the API). */
  occurredAt: number;
  /** Browser user agent. */
  userAgent: null | string;
  /** Referring URL. */
  referrer: null | string;
  /** The item viewed, clicked, added or bought; null for searches and non-item pages. */
  itemId: null | string;
  /** Path of the viewed page, for PAGE_VIEW. */
  page: null | string;
  /** Set for SEARCH. */
  search: null | SearchDetails;
  /** Set for CLICK. */
  click: null | ClickDetails;
  /** Set for ADD_TO_CART. */
  cart: null | CartDetails;
  /** Set for PURCHASE. */
  purchase: null | PurchaseDetails;
}

/** An item's category mapped onto the canonical taxonomy. */
export interface Category {
  /** The category as the seller entered it. */
  raw: string;
  /** Canonical category id, or null when the raw category is unknown. */
  id: null | string;
  /** Canonical path from the root, e.g. [Electronics, Phones]; empty when unknown. */
  path: Array<string>;
  /** False when the raw category matched nothing in the taxonomy (kept, flagged for review). */
  known: boolean;
}

/** An item after normalisation: clean text, canonical category, checked price. */
export interface NormalisedItem {
  /** Item id. */
  id: string;
  /** Version of the item this was made from. */
  version: number;
  /** True when the item was deleted; the other fields hold its last state. */
  deleted: boolean;
  /** The seller. */
  sellerId: string;
  /** Title: Unicode NFKC, trimmed, whitespace collapsed. */
  title: string;
  /** Description as plain text: HTML stripped, whitespace collapsed. */
  description: string;
  /** Category, canonical where known. */
  category: Category;
  /** Checked price: positive, below the cap, known currency. */
  price: Money;
  /** Image locations. */
  imageUrls: Array<string>;
  /** Attributes with normalised keys and values. */
  attributes: Record<string, string>;
  /** When the source change happened. */
  updatedAt: number;
  /** The ItemChanged event this came from. */
  sourceEventId: string;
}

/** What an enriched item shows of its seller. */
export interface SellerSnapshot {
  /** Seller id. */
  id: string;
  /** Display name. */
  name: string;
  /** Average rating, null while unrated. */
  rating: null | number;
  /** Region. */
  region: null | string;
  /** Version of the seller this snapshot was taken from. */
  version: number;
}

/** A normalised item joined with its seller; what search and the cache show. */
export interface EnrichedItem {
  /** The normalised item. */
  item: NormalisedItem;
  /** The seller, or null while the seller is not known yet. */
  seller: null | SellerSnapshot;
  /** When this enrichment was produced (stream time of its input). */
  enrichedAt: number;
}

/** Detected language. */
export type Language = 'UNKNOWN' | 'EN' | 'RU';

/** Sentiment class. */
export type SentimentLabel = 'NEUTRAL' | 'NEGATIVE' | 'POSITIVE';

/** Sentiment of a text. */
export interface Sentiment {
  /** Language of the text. */
  language: Language;
  /** Sentiment from -1 (negative) to 1 (positive). */
  score: number;
  /** Label derived from the score. */
  label: SentimentLabel;
  /** Confidence of the label from 0 to 1. */
  confidence: number;
  /** Version of the model that scored it. */
  modelVersion: string;
}

/** A review with its language and sentiment. */
export interface ScoredComment {
  /** The review. */
  comment: Comment;
  /** True when the review was deleted. */
  deleted: boolean;
  /** Version of the review this was scored from. */
  version: number;
  /** The sentiment. */
  sentiment: Sentiment;
  /** When the review changed. */
  occurredAt: number;
  /** The CommentChanged event this came from. */
  sourceEventId: string;
}

/** The item's dimensions at the time of the action. */
export interface ItemDimensions {
  /** Canonical category id. */
  categoryId: null | string;
  /** Canonical category path. */
  categoryPath: Array<string>;
  /** The seller. */
  sellerId: string;
  /** Price at the time of the action. */
  price: Money;
}

/** A shopper action joined with the item's dimensions. */
export interface EnrichedActivity {
  /** The action as it happened. */
  activity: UserActivity;
  /** Null when the action concerns no item or the item is not known yet. */
  item: null | ItemDimensions;
  /** The search query normalised like item text, for SEARCH. */
  normalisedQuery: null | string;
}

/** A record a processor or sink could never handle, with the reason and the original bytes, so nothing is lost. */
export interface DeadLetter {
  /** Topic the record came from. */
  sourceTopic: string;
  /** Partition it came from. */
  partition: number;
  /** Its offset. */
  offset: number;
  /** The processor or sink that rejected it. */
  processor: string;
  /** Stable error code (see core/errors/codes.ts). */
  errorCode: string;
  /** Human-readable reason. */
  errorMessage: string;
  /** The original key bytes. */
  key: null | Buffer;
  /** The original value bytes. */
  value: null | Buffer;
  /** The original headers. */
  headers: Record<string, Buffer>;
  /** When it was dead-lettered. */
  failedAt: number;
}

/** The record type of each schema, by schema name. */
export interface SchemaTypes {
  'item-changed': ItemChanged;
  'seller-changed': SellerChanged;
  'comment-changed': CommentChanged;
  'user-activity': UserActivity;
  'normalised-item': NormalisedItem;
  'enriched-item': EnrichedItem;
  'scored-comment': ScoredComment;
  'enriched-activity': EnrichedActivity;
  'dead-letter': DeadLetter;
}
