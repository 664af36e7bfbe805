/**
 * The review stream: new reviews (most by shoppers who bought the item in this run, the rest by
 * any user on popular items), edits (a sentence added, or a change of heart: "UPD: через месяц
 * сломался" takes a five down to a three) and deletions by the author or moderation. Only the
 * latest reviews are remembered for edits, so memory stays bounded however long the run.
 */
import type { CommentChanged } from '../schemas/types.generated.ts';
import type { Catalogue, CatalogueItem } from './catalogue.ts';
import type { Language } from './review-phrases.ts';
import { pickRating, writeReview } from './reviews.ts';
import { ZipfSampler, type Random } from './random.ts';
import { seedReviews } from './seed-catalogue.ts';
import { ITEM_ZIPF_EXPONENT } from './sessions.ts';
import type { UserPool } from './shopper-traits.ts';

/** How many recent purchases and reviews are kept to draw reviewers and edits from. */
const MEMORY = 1000;

const MODERATION = 'comment-moderation';

const changesOfHeart: Readonly<Record<Language, { worse: readonly string[]; better: readonly string[] }>> = {
  ru: {
    worse: ['UPD: через месяц сломался, снижаю оценку.', 'UPD: через две недели начал глючить, жаль.'],
    better: [
      'UPD: продавец заменил по гарантии, теперь всё хорошо.',
      'UPD: после обновления всё отлично работает.',
    ],
  },
  en: {
    worse: [
      'UPD: stopped working after a month, lowering my rating.',
      'UPD: started glitching after two weeks.',
    ],
    better: [
      'UPD: the seller replaced it and now it works great.',
      'UPD: after an update it works perfectly.',
    ],
  },
};

interface Remembered {
  readonly comment: CommentChanged['comment'];
  readonly language: Language;
  version: number;
}

/** A bounded pool of recent values: once full, each new one overwrites an older one. */
class Recent<T> {
  private readonly values: T[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.values.length;
  }

  add(value: T): void {
    if (this.values.length < this.capacity) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  pick(rng: Random): T | undefined {
    return this.values.length === 0 ? undefined : rng.pick(this.values);
  }

  remove(value: T): void {
    const i = this.values.indexOf(value);
    if (i < 0) return;
    // Keep the buffer dense: the last value moves into the hole.
    const last = this.values.pop() as T;
    if (i < this.values.length) this.values[i] = last;
    this.next = this.values.length % this.capacity;
  }
}

export class ReviewStream {
  private readonly purchases = new Recent<{ userId: string; entry: CatalogueItem }>(MEMORY);
  private readonly reviews = new Recent<Remembered>(MEMORY);
  private readonly items: ZipfSampler;

  constructor(
    private readonly rng: Random,
    private readonly catalogue: Catalogue,
    private readonly users: UserPool,
  ) {
    this.items = new ZipfSampler(catalogue.byRank.length, ITEM_ZIPF_EXPONENT);
  }

  /** A signed-in shopper bought `entry`: a likely reviewer of it. */
  recordPurchase(userId: string, entry: CatalogueItem): void {
    this.purchases.add({ userId, entry });
  }

  /** The seed catalogue's reviews, on the seed items the catalogue has, by the seed's users. */
  seedReviews(time: number): CommentChanged[] {
    return seedReviews.flatMap((review, i) => {
      const entry = this.catalogue.seedItems[review.productIndex - 1];
      if (!entry) return [];
      const authorId = this.users.userId(review.user - 1);
      const comment = {
        id: this.rng.uuid(),
        itemId: entry.item.id,
        authorId,
        text: review.text,
        rating: review.rating,
      };
      this.reviews.add({ comment, language: 'ru', version: 1 });
      return [this.event('CREATED', comment, 1, authorId, time + i)];
    });
  }

  /** The next review change: mostly a new review, sometimes an edit or a deletion. */
  next(time: number): CommentChanged {
    const roll = this.rng.next();
    if (roll < 0.13 && this.reviews.size > 0) return this.edit(time);
    if (roll < 0.2 && this.reviews.size > 0) return this.delete(time);
    return this.create(time);
  }

  private event(
    type: CommentChanged['type'],
    comment: CommentChanged['comment'],
    version: number,
    changedBy: string,
    time: number,
  ): CommentChanged {
    return { eventId: this.rng.uuid(), type, comment, version, changedBy, occurredAt: time };
  }

  private create(time: number): CommentChanged {
    const rng = this.rng;
    const bought = rng.chance(0.6) ? this.purchases.pick(rng) : undefined;
    if (bought) this.purchases.remove(bought);
    const entry = bought?.entry ?? (this.catalogue.byRank[this.items.sample(rng)] as CatalogueItem);
    const authorId = bought?.userId ?? this.users.pick(rng);
    const review = writeReview(rng, pickRating(rng, entry.quality), entry.offer.family.kind.aspects);
    const comment = {
      id: rng.uuid(),
      itemId: entry.item.id,
      authorId,
      text: review.text,
      rating: review.rating,
    };
    this.reviews.add({ comment, language: review.language, version: 1 });
    return this.event('CREATED', comment, 1, authorId, time);
  }

  private edit(time: number): CommentChanged {
    const rng = this.rng;
    const remembered = this.reviews.pick(rng) as Remembered;
    this.reviews.remove(remembered);
    const { comment } = remembered;
    let edited: CommentChanged['comment'];
    if (comment.rating !== 3 && rng.chance(0.5)) {
      // A change of heart meets in the middle: praise plus a complaint (or the reverse) is a three.
      const phrases = changesOfHeart[remembered.language];
      const update = rng.pick(comment.rating > 3 ? phrases.worse : phrases.better);
      edited = { ...comment, text: `${comment.text}\n${update}`, rating: 3 };
    } else {
      // More of the same: a second thought in the same mood.
      const more = writeReview(rng, comment.rating, [], remembered.language).text;
      edited = { ...comment, text: `${comment.text} ${more}` };
    }
    const version = remembered.version + 1;
    this.reviews.add({ comment: edited, language: remembered.language, version });
    return this.event('UPDATED', edited, version, comment.authorId, time);
  }

  private delete(time: number): CommentChanged {
    const rng = this.rng;
    const remembered = this.reviews.pick(rng) as Remembered;
    this.reviews.remove(remembered);
    const by = rng.chance(0.6) ? remembered.comment.authorId : MODERATION;
    return this.event('DELETED', remembered.comment, remembered.version + 1, by, time);
  }
}
