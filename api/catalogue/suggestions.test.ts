import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveItemsFilter } from '../../connectors/sinks/search/index.ts';
import { buildSuggestionSearch, readSuggestions } from './suggestions.ts';

describe('buildSuggestionSearch', () => {
  it('matches live titles as typed so far, one hit per title', () => {
    const body = buildSuggestionSearch('айфо', 8) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(body.query.bool.must[0].multi_match.type, 'bool_prefix');
    assert.equal(body.query.bool.must[0].multi_match.query, 'айфо');
    assert.deepEqual(body.query.bool.filter, liveItemsFilter);
    assert.deepEqual(body.collapse, { field: 'title.keyword' });
    assert.deepEqual(body._source, ['id', 'title']);
  });
});

describe('readSuggestions', () => {
  it('keeps the first of titles equal but for case, up to the limit', () => {
    const hit = (id: string, title: string) => ({ _source: { id, title } });
    const hits = [hit('1', 'Айфон 15'), hit('2', 'АЙФОН 15'), hit('3', 'Айфон 14'), hit('4', 'Айфон 13'), {}];
    assert.deepEqual(readSuggestions(hits, 2), [
      { itemId: '1', title: 'Айфон 15' },
      { itemId: '3', title: 'Айфон 14' },
    ]);
    assert.equal(readSuggestions(hits, 8).length, 3);
  });
});
