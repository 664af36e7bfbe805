/**
 * Composable index templates (`_index_template`, the same API in Elasticsearch 8 and OpenSearch 2)
 * for the versioned item and comment indices: every `<prefix>-<target>-v<N>` gets these settings
 * and mappings when it is created, so a template change reaches readers through a reindex.
 *
 * Text is indexed three ways: the field itself with a language-neutral analyser (exact words, any
 * language), `.ru` with Russian and `.en` with English stemming and stop words. Titles are often
 * mixed ("Apple iPhone 13 с 128GB памяти"): each stemmer leaves the other alphabet alone, so a
 * query searches both sub-fields. Titles also get `.suggest` (search_as_you_type) for autocomplete.
 * Only analysis-common and mapper-extras features are used: both engines ship them by default.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { SearchTarget } from './documents.ts';
import { templateName, versionedIndexPattern } from './index-names.ts';

export interface SearchIndexOptions {
  /** Primary shards of a new index. Default 1: a shop's catalogue fits one shard comfortably. */
  shards?: number;
  /** Replicas of a new index. Default 0 (the local stack is one node; production sets 1). */
  replicas?: number;
  /**
   * How often new writes become searchable. Default `1s`: the platform's freshness target. The
   * sink never asks for a refresh per write (that would cost throughput), so this is the latency.
   */
  refreshInterval?: string;
  /** Priority of the templates among overlapping ones. Default 200. */
  priority?: number;
}

export const defaultSearchIndexOptions: Required<SearchIndexOptions> = {
  shards: 1,
  replicas: 0,
  refreshInterval: '1s',
  priority: 200,
};

/** Russian and English analysis shared by both templates. */
const analysis = {
  char_filter: {
    // Shoppers rarely type «ё»; folding it to «е» makes «ёлка» and «елка» the same word.
    fold_yo: { type: 'mapping', mappings: ['ё => е', 'Ё => Е'] },
  },
  filter: {
    russian_stop: { type: 'stop', stopwords: '_russian_' },
    russian_stemmer: { type: 'stemmer', language: 'russian' },
    english_stop: { type: 'stop', stopwords: '_english_' },
    english_stemmer: { type: 'stemmer', language: 'english' },
    english_possessive_stemmer: { type: 'stemmer', language: 'possessive_english' },
  },
  analyzer: {
    shop_text: { type: 'custom', tokenizer: 'standard', char_filter: ['fold_yo'], filter: ['lowercase'] },
    shop_russian: {
      type: 'custom',
      tokenizer: 'standard',
      char_filter: ['fold_yo'],
      filter: ['lowercase', 'russian_stop', 'russian_stemmer'],
    },
    shop_english: {
      type: 'custom',
      tokenizer: 'standard',
      filter: ['english_possessive_stemmer', 'lowercase', 'english_stop', 'english_stemmer'],
    },
  },
};

/** A text field analysed as is, in Russian (`.ru`) and in English (`.en`), plus extra sub-fields. */
function multilingualText(extra: Record<string, unknown> = {}) {
  return {
    type: 'text',
    analyzer: 'shop_text',
    fields: {
      ru: { type: 'text', analyzer: 'shop_russian' },
      en: { type: 'text', analyzer: 'shop_english' },
      ...extra,
    },
  };
}

// Facet values longer than this are not indexed as keywords (Lucene refuses terms over 32 KB,
// which would reject the whole document); they stay in _source and in the text fields.
const keyword = { type: 'keyword', ignore_above: 512 };

/**
 * The fields the item scripts keep beside the content (item-scripts.ts): the item's order, the
 * tombstone flag and the rating from the reviews. `init()` also adds them to an items index made
 * by an older template (adding fields is allowed on a live index), so new writes are searchable
 * at once; older documents lack them until `eshop search reindex items`.
 */
export const itemStateMappings = {
  itemOrder: { type: 'long' },
  deleted: { type: 'boolean' },
  rating: { properties: { average: { type: 'float' }, count: { type: 'integer' } } },
  ratingAt: { type: 'date', format: 'epoch_millis' },
};

const itemMappings = {
  // false, not strict: a field the code adds before the index is rebuilt is kept in _source and
  // simply not searchable yet, instead of every document being refused until a reindex.
  dynamic: false,
  properties: {
    ...itemStateMappings,
    id: { type: 'keyword' },
    version: { type: 'long' },
    title: multilingualText({
      suggest: { type: 'search_as_you_type', analyzer: 'shop_text' },
      keyword,
    }),
    description: multilingualText(),
    category: {
      properties: {
        id: { type: 'keyword' },
        path: { type: 'keyword' },
        raw: keyword,
        known: { type: 'boolean' },
      },
    },
    sellerId: { type: 'keyword' },
    seller: {
      properties: {
        id: { type: 'keyword' },
        name: { type: 'text', analyzer: 'shop_text', fields: { keyword } },
        rating: { type: 'float' },
        region: keyword,
        version: { type: 'long' },
      },
    },
    price: {
      properties: {
        amountMinor: { type: 'long' },
        // Three decimals cover every ISO 4217 minor unit (BHD, KWD), exact and compact.
        amount: { type: 'scaled_float', scaling_factor: 1000 },
        currency: { type: 'keyword' },
      },
    },
    imageUrls: { type: 'keyword', index: false, doc_values: false },
    attributes: keyword,
    updatedAt: { type: 'date', format: 'epoch_millis' },
  },
};

const commentMappings = {
  dynamic: false,
  properties: {
    id: { type: 'keyword' },
    itemId: { type: 'keyword' },
    authorId: { type: 'keyword' },
    text: multilingualText(),
    rating: { type: 'integer' },
    language: { type: 'keyword' },
    sentiment: {
      properties: {
        label: { type: 'keyword' },
        score: { type: 'float' },
        confidence: { type: 'float' },
        modelVersion: { type: 'keyword' },
      },
    },
    version: { type: 'long' },
    occurredAt: { type: 'date', format: 'epoch_millis' },
  },
};

export interface IndexTemplate {
  name: string;
  body: {
    index_patterns: string[];
    priority: number;
    template: { settings: Record<string, unknown>; mappings: Record<string, unknown> };
    _meta: Record<string, unknown>;
  };
}

/** The index template of `target` for indices under `prefix`. */
export function indexTemplate(
  prefix: string,
  target: SearchTarget,
  options: SearchIndexOptions = {},
): IndexTemplate {
  const o = { ...defaultSearchIndexOptions, ...options };
  return {
    name: templateName(prefix, target),
    body: {
      index_patterns: [versionedIndexPattern(prefix, target)],
      priority: o.priority,
      template: {
        settings: {
          number_of_shards: o.shards,
          number_of_replicas: o.replicas,
          refresh_interval: o.refreshInterval,
          analysis,
        },
        mappings: target === 'items' ? itemMappings : commentMappings,
      },
      _meta: { owner: 'eshop search sink', doc: `versioned ${target} indices behind the alias` },
    },
  };
}

/** Adds the item state fields to the mappings of `index` (an index or alias); idempotent. */
export async function putItemStateMappings(client: Client, index: string): Promise<void> {
  await client.indices.putMapping({ index, body: { properties: itemStateMappings } as never });
}

/** Creates or replaces both templates; idempotent. Existing indices keep their mappings. */
export async function putIndexTemplates(
  client: Client,
  prefix: string,
  options: SearchIndexOptions = {},
): Promise<void> {
  for (const target of ['items', 'comments'] as const) {
    const template = indexTemplate(prefix, target, options);
    // The client's generated body types are narrower than the API (analysis, scaled_float).
    await client.indices.putIndexTemplate({ name: template.name, body: template.body as never });
  }
}
