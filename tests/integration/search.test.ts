import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@opensearch-project/opensearch';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

describe('Search engine (real OpenSearch node)', () => {
  const { url } = testConfig().search;
  const client = new Client({ node: url, requestTimeout: 10_000 });
  const index = uniqueName('test-items');

  before(() => requireService('opensearch', url, () => client.info()));
  after(async () => {
    await client.indices.delete({ index }).catch(() => undefined);
    await client.close();
  });

  it('indexes documents and finds them with language and autocomplete analysis', async () => {
    // english stemming (analysis-common) and edge_ngram autocomplete: what a shop's search needs.
    await client.indices.create({
      index,
      body: {
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          analysis: {
            filter: { autocomplete: { type: 'edge_ngram', min_gram: 2, max_gram: 15 } },
            analyzer: {
              autocomplete: {
                type: 'custom',
                tokenizer: 'standard',
                filter: ['lowercase', 'asciifolding', 'autocomplete'],
              },
            },
          },
        },
        mappings: {
          properties: {
            title: {
              type: 'text',
              analyzer: 'english',
              fields: { suggest: { type: 'text', analyzer: 'autocomplete', search_analyzer: 'standard' } },
            },
            category: { type: 'keyword' },
          },
        },
      },
    });
    await client.bulk({
      refresh: true,
      body: [
        { index: { _index: index, _id: 'item-1' } },
        { title: 'Reading lamp', category: 'lighting' },
        { index: { _index: index, _id: 'item-2' } },
        { title: 'Café table', category: 'furniture' },
      ],
    });

    const stemmed = await client.search({ index, body: { query: { match: { title: 'lamps' } } } });
    assert.deepEqual(
      stemmed.body.hits.hits.map((hit) => hit._id),
      ['item-1'],
    );
    const prefix = await client.search({ index, body: { query: { match: { 'title.suggest': 'caf' } } } });
    assert.deepEqual(
      prefix.body.hits.hits.map((hit) => hit._id),
      ['item-2'],
    );
    // The client's generated types (3.9) leave `field` out of terms aggregations; the server needs it.
    const terms = { field: 'category' } as never;
    const facets = await client.search({ index, body: { size: 0, aggs: { categories: { terms } } } });
    const buckets = (facets.body.aggregations!.categories as { buckets: { key: string }[] }).buckets;
    assert.deepEqual(buckets.map((b) => b.key).sort(), ['furniture', 'lighting']);
  });

  it('rejects a stale external version, so replaying a change stream cannot go backwards', async () => {
    const write = (version: number, title: string) =>
      client.index({
        index,
        id: 'item-3',
        version,
        version_type: 'external',
        refresh: true,
        body: { title },
      });
    await write(5, 'Desk v5');
    await assert.rejects(
      write(4, 'Desk v4'),
      (error: { meta?: { statusCode?: number } }) => error.meta?.statusCode === 409,
    );
    await assert.rejects(
      write(5, 'Desk v5 again'),
      (error: { meta?: { statusCode?: number } }) => error.meta?.statusCode === 409,
    );
    const stored = await client.get({ index, id: 'item-3' });
    assert.equal((stored.body._source as { title: string }).title, 'Desk v5');
    assert.equal(stored.body._version, 5);
  });

  it('runs painless scripts', async () => {
    await client.index({ index, id: 'item-4', refresh: true, body: { title: 'Chair', views: 1 } });
    await client.update({
      index,
      id: 'item-4',
      refresh: true,
      body: { script: { lang: 'painless', source: 'ctx._source.views += params.n', params: { n: 2 } } },
    });
    const stored = await client.get({ index, id: 'item-4' });
    assert.equal((stored.body._source as { views: number }).views, 3);
  });
});
