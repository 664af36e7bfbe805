import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aliasName,
  indexVersionOf,
  nextIndexVersion,
  versionedIndexName,
  versionedIndexPattern,
} from './index-names.ts';
import { indexTemplate } from './templates.ts';

describe('search index names', () => {
  it('puts versioned indices behind one alias per target', () => {
    assert.equal(aliasName('shop', 'items'), 'shop-items');
    assert.equal(versionedIndexName('shop', 'comments', 2), 'shop-comments-v2');
    assert.equal(versionedIndexPattern('shop', 'items'), 'shop-items-v*');
  });

  it('reads the version of its own indices only', () => {
    assert.equal(indexVersionOf('shop', 'items', 'shop-items-v12'), 12);
    for (const other of [
      'shop-items',
      'shop-items-v',
      'shop-items-v0',
      'shop-items-v1x',
      'shop-comments-v1',
    ]) {
      assert.equal(indexVersionOf('shop', 'items', other), undefined, other);
    }
  });

  it('numbers a new index one past the highest existing one', () => {
    assert.equal(nextIndexVersion('shop', 'items', []), 1);
    assert.equal(
      nextIndexVersion('shop', 'items', ['shop-items-v2', 'shop-items-v10', 'shop-comments-v40']),
      11,
    );
  });

  it('namespaces the templates with the prefix, with one shard, no replicas and a 1 s refresh by default', () => {
    const template = indexTemplate('test-ns', 'items');
    assert.equal(template.name, 'test-ns-items');
    assert.deepEqual(template.body.index_patterns, ['test-ns-items-v*']);
    assert.equal(template.body.template.settings.number_of_shards, 1);
    assert.equal(template.body.template.settings.number_of_replicas, 0);
    assert.equal(template.body.template.settings.refresh_interval, '1s');
    const custom = indexTemplate('shop', 'comments', { replicas: 1, refreshInterval: '5s' });
    assert.equal(custom.body.template.settings.number_of_replicas, 1);
    assert.equal(custom.body.template.settings.refresh_interval, '5s');
  });
});
