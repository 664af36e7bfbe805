/**
 * Operations → the KEYS and ARGV of the script that applies them (scripts/*.lua document the
 * layout they read). Every key a script touches is passed in KEYS, named by keys.ts, so the layout
 * lives in one place and Redis knows which keys a script uses.
 */
import type { RedisKeys } from './keys.ts';
import type { LuaScript } from './lua-script.ts';
import type { CardOperation, CommentOperation, ViewOperation } from './operations.ts';
import { applyComments, applyItemCards, applyItemViews } from './scripts.ts';
import { PRUNE_BELOW_SCORE } from './trending-decay.ts';

export type AppliedOperation = CardOperation | ViewOperation | CommentOperation;

/** One operation's share of a script's KEYS and ARGV. */
export interface EncodedOperation {
  keys: string[];
  args: string[];
  /** Bytes of its keys and arguments, counted against a script's byte bound. */
  bytes: number;
}

export function encodeOperation(offset: string, op: AppliedOperation, keys: RedisKeys): EncodedOperation {
  switch (op.kind) {
    case 'card':
      return sized(
        [keys.itemCard(op.itemId)],
        [offset, op.itemId, op.order, op.card ? JSON.stringify(op.card) : ''],
      );
    case 'view':
      return sized(
        [keys.itemViews(op.itemId), keys.itemViewers(op.itemId)],
        [offset, op.itemId, op.viewer, String(op.eventTime), String(op.landmark)],
      );
    case 'comment':
      return sized(
        [keys.itemCommentVersions(op.itemId), keys.itemRatings(op.itemId), keys.itemSentiment(op.itemId)],
        [
          offset,
          op.commentId,
          String(op.version),
          op.deleted ? '' : String(op.rating),
          String(op.scoreMicros),
          op.label,
        ],
      );
  }
}

function sized(keys: string[], args: string[]): EncodedOperation {
  let bytes = 0;
  for (const text of keys) bytes += Buffer.byteLength(text);
  for (const text of args) bytes += Buffer.byteLength(text);
  return { keys, args, bytes };
}

export interface ScriptCall {
  script: LuaScript;
  keys: string[];
  args: string[];
}

export interface ScriptCallContext {
  keys: RedisKeys;
  /** The partition's field in `sink:offsets` (keys.ts `offsetField`). */
  offsetField: string;
  /** The trending half-life in milliseconds. */
  halfLife: number;
}

/**
 * The script run applying `operations` (all of one kind, of one partition, in offset order) and
 * moving the partition's stored offset to `lastOffset`.
 */
export function scriptCall(
  kind: AppliedOperation['kind'],
  operations: readonly EncodedOperation[],
  lastOffset: string,
  context: ScriptCallContext,
): ScriptCall {
  const { keys } = context;
  const head = {
    card: { script: applyItemCards, keys: [keys.itemCardVersions], args: [] as string[] },
    view: {
      script: applyItemViews,
      keys: [keys.trendingItems, keys.trendingLandmark],
      args: [String(context.halfLife), String(PRUNE_BELOW_SCORE)],
    },
    comment: { script: applyComments, keys: [] as string[], args: [] as string[] },
  }[kind];
  return {
    script: head.script,
    keys: [keys.sinkOffsets, ...head.keys, ...operations.flatMap((op) => op.keys)],
    args: [context.offsetField, lastOffset, ...head.args, ...operations.flatMap((op) => op.args)],
  };
}
