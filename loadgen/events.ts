/**
 * What the generator produces: one record for one of the four topics shops write to, with the key
 * it is sent under (the entity id; the session id for activity) and its value, typed by the
 * topic's generated schema type.
 */
import type { CommentChanged, ItemChanged, SellerChanged, UserActivity } from '../schemas/types.generated.ts';

/** The topics the load generator writes (keys of schemas/topics.ts). */
export type LoadTopic = 'items' | 'sellers' | 'comments' | 'activity';

export const loadTopics: readonly LoadTopic[] = ['sellers', 'items', 'comments', 'activity'];

export type GeneratedEvent =
  | { readonly topic: 'items'; readonly key: string; readonly value: ItemChanged }
  | { readonly topic: 'sellers'; readonly key: string; readonly value: SellerChanged }
  | { readonly topic: 'comments'; readonly key: string; readonly value: CommentChanged }
  | { readonly topic: 'activity'; readonly key: string; readonly value: UserActivity };
