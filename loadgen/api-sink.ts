/**
 * The REST API as the sink of a load run: each generated event becomes the API call a shop's
 * users would make (see api-requests.ts), so the system of record, the outbox and every store
 * downstream see the same data. The generator's ids map to the API's (id-map.ts).
 *
 * - Sends never reject: a failed call is counted and logged (api-figures.ts) and the run goes on.
 * - Within a batch, up to `concurrency` entities are worked on at once, each entity's changes in
 *   order; across topics, an item waits for its seller's page and a review or a view for its item.
 *
 * @example
 * const sink = new ApiSink({ client: httpApiClient(url), catalogue: catalogueFor(options), runTag: 'a1b2c3' });
 * await runLoad({ options, sink });
 * sink.figures.snapshot(); // { calls, ok, failed, failures, skips, … }
 */
import type { CommentChanged, ItemChanged, SellerChanged, UserActivity } from '../schemas/types.generated.ts';
import { ApiAccounts, type Account } from './api-accounts.ts';
import { ApiCaller, type RetryOptions } from './api-caller.ts';
import type { ApiAnswer, ApiCall, ApiClient } from './api-client.ts';
import { CallFigures } from './api-figures.ts';
import {
  apiLimits,
  beaconBatches,
  beaconEvent,
  planItem,
  planReview,
  planSeller,
  type BeaconEvent,
  type CallPlan,
  type ItemBody,
  type ReviewBody,
  type SellerPageBody,
} from './api-requests.ts';
import type { Catalogue } from './catalogue.ts';
import { IdMap } from './id-map.ts';
import type { EventSink, SinkRecord, TopicBatch } from './runner.ts';

export interface ApiSinkOptions {
  readonly client: ApiClient;
  /** The run's catalogue: its sellers and items are expected (see IdMap.wait). */
  readonly catalogue: Catalogue;
  /** Part of the accounts' e-mail addresses, so runs do not collide. */
  readonly runTag: string;
  /** Entities worked on at once within a batch. Default 4. */
  readonly concurrency?: number;
  /** Most shopper accounts to register. Default 200. */
  readonly maxShopperAccounts?: number;
  /** Most events per beacon request. Default 100 (the API's default limit). */
  readonly beaconMaxEvents?: number;
  readonly retry?: RetryOptions;
  /** Where failed calls are logged. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

export class ApiSink implements EventSink {
  readonly figures: CallFigures;
  readonly ids: {
    readonly sellers: IdMap<SellerPageBody>;
    readonly items: IdMap<ItemBody>;
    readonly reviews: IdMap<ReviewBody>;
  };
  readonly accounts: ApiAccounts;
  private readonly concurrency: number;
  private readonly beaconMaxEvents: number;

  constructor(options: ApiSinkOptions) {
    this.figures = new CallFigures(options.log);
    const caller = new ApiCaller(options.client, this.figures, options.retry);
    this.accounts = new ApiAccounts(caller, {
      runTag: options.runTag,
      maxShoppers: options.maxShopperAccounts,
      now: options.now,
    });
    this.ids = {
      sellers: new IdMap(options.catalogue.sellers.map((entry) => entry.seller.id)),
      items: new IdMap(options.catalogue.items.map((entry) => entry.item.id)),
      reviews: new IdMap(),
    };
    this.concurrency = options.concurrency ?? 4;
    this.beaconMaxEvents = options.beaconMaxEvents ?? apiLimits.beaconEvents;
  }

  send(batch: TopicBatch): Promise<void> {
    switch (batch.topic) {
      case 'sellers':
        return this.perEntity(batch.records, (record) => this.seller(record));
      case 'items':
        return this.perEntity(batch.records, (record) => this.item(record));
      case 'comments':
        return this.perEntity(batch.records, (record) => this.review(record));
      case 'activity':
        return this.activity(batch.records);
    }
  }

  /** Works on up to `concurrency` entities at once, each entity's records in order. */
  private async perEntity<R extends { readonly key: string }>(
    records: readonly R[],
    work: (record: R) => Promise<void>,
  ): Promise<void> {
    const byKey = new Map<string, R[]>();
    for (const record of records) {
      const list = byKey.get(record.key) ?? [];
      list.push(record);
      byKey.set(record.key, list);
    }
    const queue = [...byKey.values()];
    const worker = async (): Promise<void> => {
      for (let list = queue.shift(); list; list = queue.shift()) {
        for (const record of list) await work(record);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
  }

  private async seller({ value: change }: SinkRecord<'sellers'>): Promise<void> {
    const id = change.seller.id;
    const plan = planSeller(change, this.ids.sellers.get(id));
    const account = plan.kind === 'call' ? await this.accounts.seller(id) : undefined;
    if (plan.kind === 'skip' || !account) {
      if (change.type === 'CREATED') this.ids.sellers.failed(id);
      return plan.kind === 'skip'
        ? this.figures.skipped(plan.operation, plan.reason)
        : this.figures.skipped(plan.operation, "the seller's account could not be registered");
    }
    const answer = await this.accounts.call(account, plan.operation, request(plan), id);
    if (change.type === 'CREATED') {
      const apiId =
        createdId(answer) ?? (answer.status === 409 ? await this.ownSellerPage(account) : undefined);
      if (apiId) this.ids.sellers.set(id, apiId, plan.sent);
      else this.ids.sellers.failed(id);
    } else this.remember(this.ids.sellers, id, plan, answer);
  }

  /** The seller page an account already has (a 409 on creating one). */
  private async ownSellerPage(account: Account): Promise<string | undefined> {
    const me = await this.accounts.call(account, 'find seller page', { method: 'GET', path: '/v1/me' });
    const seller = (me.body as { seller?: { id?: unknown } | null } | undefined)?.seller;
    return typeof seller?.id === 'string' ? seller.id : undefined;
  }

  private async item({ value: change }: SinkRecord<'items'>): Promise<void> {
    const id = change.item.id;
    const page = await this.ids.sellers.wait(change.item.sellerId);
    const plan = planItem(change, page, this.ids.items.get(id));
    if (plan.kind === 'skip') {
      if (change.type === 'CREATED') this.ids.items.failed(id);
      return this.figures.skipped(plan.operation, plan.reason);
    }
    const account = await this.accounts.seller(change.item.sellerId);
    const answer = await this.accounts.call(account, plan.operation, request(plan), id);
    this.settle(this.ids.items, change, id, plan, answer);
  }

  private async review({ value: change }: SinkRecord<'comments'>): Promise<void> {
    const id = change.comment.id;
    const item = await this.ids.items.wait(change.comment.itemId);
    const plan = planReview(change, item, this.ids.reviews.get(id));
    if (plan.kind === 'skip') return this.figures.skipped(plan.operation, plan.reason);
    const account = await this.accounts.shopper(change.comment.authorId);
    if (!account) return this.figures.skipped(plan.operation, "the author's account could not be registered");
    const answer = await this.accounts.call(account, plan.operation, request(plan), id);
    this.settle(this.ids.reviews, change, id, plan, answer);
  }

  private async activity(records: readonly SinkRecord<'activity'>[]): Promise<void> {
    const events: { actor: Account | undefined; event: BeaconEvent }[] = [];
    for (const { value } of records) {
      const event = await this.beaconEventOf(value);
      if (!event) continue;
      // Signed-in shoppers with an account send as themselves; the rest browse anonymously.
      const actor = value.userId === null ? undefined : this.accounts.knownShopper(value.userId);
      events.push({ actor, event });
    }
    await Promise.all(
      beaconBatches(events, this.beaconMaxEvents).map(async ({ actor, events: batch }) => {
        const answer = await this.accounts.call(actor, 'beacon', {
          method: 'POST',
          path: '/v1/activity',
          body: { events: batch },
        });
        if (answer.status === 202) this.figures.accepted(batch.length);
      }),
    );
  }

  private async beaconEventOf(activity: UserActivity): Promise<BeaconEvent | undefined> {
    if (activity.itemId === null) return beaconEvent(activity, null);
    const item = await this.ids.items.wait(activity.itemId);
    if (item) return beaconEvent(activity, item.apiId);
    this.figures.skipped('beacon', 'the viewed item was not created');
    return undefined;
  }

  /** Records what a created, changed or deleted entity now is at the API. */
  private settle<S>(
    ids: IdMap<S>,
    change: ItemChanged | CommentChanged | SellerChanged,
    id: string,
    plan: CallPlan<S>,
    answer: ApiAnswer,
  ): void {
    if (change.type === 'CREATED') {
      const apiId = createdId(answer);
      if (apiId) ids.set(id, apiId, plan.sent);
      else ids.failed(id);
    } else if (change.type === 'DELETED') {
      if (ok(answer) || answer.status === 404) ids.delete(id);
    } else this.remember(ids, id, plan, answer);
  }

  private remember<S>(ids: IdMap<S>, id: string, plan: { sent: S }, answer: ApiAnswer): void {
    const mapped = ids.get(id);
    if (mapped && ok(answer)) ids.set(id, mapped.apiId, plan.sent);
  }
}

function request(plan: CallPlan<unknown>): Omit<ApiCall, 'token'> {
  return { method: plan.method, path: plan.path, body: plan.body };
}

function ok(answer: ApiAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** The id of what a 201 created. */
function createdId(answer: ApiAnswer): string | undefined {
  const id = (answer.body as { id?: unknown } | undefined)?.id;
  return answer.status === 201 && typeof id === 'string' ? id : undefined;
}
