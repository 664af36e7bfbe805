import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { samples } from '../../../schemas/samples.ts';
import { topics } from '../../../schemas/topics.ts';
import type { Item, ItemChanged, NormalisedItem } from '../../../schemas/types.generated.ts';
import type { ProcessResult } from '../../runtime/processor.ts';
import { testContext } from '../test-tables.ts';
import { createNormaliseItems } from './index.ts';
import { text } from './text-arbitraries.ts';

const normaliseItems = createNormaliseItems();
const context = testContext({ topic: topics.items.name });

function changed(item: Partial<Item> = {}, event: Partial<ItemChanged> = {}): ItemChanged {
  const sample = samples['item-changed'];
  return { ...sample, ...event, item: { ...sample.item, ...item } };
}

function emitted(result: ProcessResult<NormalisedItem>): NormalisedItem {
  assert.equal(result.kind, 'emit', result.kind === 'reject' ? result.reason : '');
  assert.equal(result.records.length, 1);
  return result.records[0]!.value;
}

function rejection(result: ProcessResult<NormalisedItem>): string {
  assert.equal(result.kind, 'reject');
  assert.equal(result.code, 'VALIDATION_FAILED');
  return result.reason;
}

describe('normalise-items', () => {
  it('declares its topics', () => {
    assert.equal(normaliseItems.name, 'normalise-items');
    assert.deepEqual(normaliseItems.inputs, [topics.items]);
    assert.deepEqual(normaliseItems.outputs, [topics.itemsNormalised]);
  });

  it('turns the sample ItemChanged into the sample NormalisedItem, keyed by item id', () => {
    const result = normaliseItems.process(samples['item-changed'], context);
    assert.deepEqual(result, {
      kind: 'emit',
      records: [
        {
          topic: topics.itemsNormalised,
          key: samples['item-changed'].item.id,
          value: samples['normalised-item'],
        },
      ],
    });
  });

  it('normalises title, description, attributes and image locations', () => {
    const item = emitted(
      normaliseItems.process(
        changed({
          title: '\u00A0Ｇａｌａｘｙ  S22\u200B\n',
          description:
            '<h2>Флагман</h2><p>Экран&nbsp;6,1&quot; &amp; 128&nbsp;ГБ</p><script>track()</script>',
          attributes: { ' Colour ': ' Phantom\u00A0Black ', MEMORY: '128 GB', '': 'x', Empty: ' ' },
          imageUrls: [' items/1/front.jpg ', '', '  '],
        }),
        context,
      ),
    );
    assert.equal(item.title, 'Galaxy S22');
    assert.equal(item.description, 'Флагман Экран 6,1" & 128 ГБ');
    assert.deepEqual(item.attributes, { colour: 'Phantom Black', memory: '128 GB' });
    assert.deepEqual(item.imageUrls, ['items/1/front.jpg']);
  });

  it('maps the category, and keeps an unknown one flagged instead of rejecting the item', () => {
    assert.deepEqual(
      emitted(normaliseItems.process(changed({ category: 'mobile phones' }), context)).category,
      {
        raw: 'mobile phones',
        id: 'electronics.phones',
        path: ['Electronics', 'Phones'],
        known: true,
      },
    );
    assert.deepEqual(emitted(normaliseItems.process(changed({ category: 'Всякое' }), context)).category, {
      raw: 'Всякое',
      id: null,
      path: [],
      known: false,
    });
  });

  it('carries version and source event id, and dates the item by the change', () => {
    const item = emitted(
      normaliseItems.process(changed({}, { version: 7, eventId: 'e-7', occurredAt: 1234 }), context),
    );
    assert.equal(item.version, 7);
    assert.equal(item.sourceEventId, 'e-7');
    assert.equal(item.updatedAt, 1234);
    assert.equal(item.deleted, false);
  });

  it('does not depend on the clock: stream time comes from the record', () => {
    const later = testContext({ topic: topics.items.name, timestamp: Date.UTC(2030, 0, 1) });
    assert.deepEqual(
      normaliseItems.process(samples['item-changed'], later),
      normaliseItems.process(samples['item-changed'], context),
    );
  });

  describe('price', () => {
    it('rejects a price that is not positive, naming the field and value', () => {
      assert.equal(
        rejection(normaliseItems.process(changed({ price: { amountMinor: 0, currency: 'RUB' } }), context)),
        'item.price.amountMinor must be positive, got 0 RUB',
      );
      assert.match(
        rejection(
          normaliseItems.process(changed({ price: { amountMinor: -100, currency: 'USD' } }), context),
        ),
        /item\.price\.amountMinor must be positive, got -100 USD/u,
      );
    });

    it('rejects a fractional amount of minor units', () => {
      assert.match(
        rejection(
          normaliseItems.process(changed({ price: { amountMinor: 799.99, currency: 'RUB' } }), context),
        ),
        /item\.price\.amountMinor must be a whole number of minor units, got 799.99 RUB/u,
      );
    });

    it('rejects a price at or above the cap of its currency', () => {
      assert.match(
        rejection(
          normaliseItems.process(changed({ price: { amountMinor: 100_000_00, currency: 'USD' } }), context),
        ),
        /item\.price\.amountMinor must be below the cap of 10000000 USD, got 10000000 USD/u,
      );
      emitted(
        normaliseItems.process(changed({ price: { amountMinor: 100_000_00 - 1, currency: 'USD' } }), context),
      );
      // The same number of minor units is a modest price in roubles.
      emitted(
        normaliseItems.process(changed({ price: { amountMinor: 100_000_00, currency: 'RUB' } }), context),
      );
    });

    it('uses a single configured cap for every currency', () => {
      const capped = createNormaliseItems({ priceCapMinor: 1000 });
      assert.match(
        rejection(capped.process(changed({ price: { amountMinor: 1000, currency: 'RUB' } }), context)),
        /below the cap of 1000 RUB/u,
      );
      emitted(capped.process(changed({ price: { amountMinor: 999, currency: 'EUR' } }), context));
    });

    it('rejects an unknown currency and accepts a configured one, in any case', () => {
      assert.equal(
        rejection(normaliseItems.process(changed({ price: { amountMinor: 100, currency: 'BTC' } }), context)),
        'item.price.currency must be one of RUB, USD, EUR, GBP, CNY, KZT, BYN, UAH, got "BTC"',
      );
      const price = emitted(
        normaliseItems.process(changed({ price: { amountMinor: 100, currency: ' rub ' } }), context),
      ).price;
      assert.deepEqual(price, { amountMinor: 100, currency: 'RUB' });
      const jpy = createNormaliseItems({ currencies: ['JPY'], priceCapMinor: { JPY: 10_000_000 } });
      emitted(jpy.process(changed({ price: { amountMinor: 100, currency: 'JPY' } }), context));
    });

    it('property: never changes an accepted amount, never accepts a bad one', () => {
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double()), (amountMinor) => {
          const result = normaliseItems.process(
            changed({ price: { amountMinor, currency: 'RUB' } }),
            context,
          );
          const acceptable =
            Number.isSafeInteger(amountMinor) && amountMinor > 0 && amountMinor < 10_000_000_00;
          if (acceptable) assert.equal(emitted(result).price.amountMinor, amountMinor);
          else assert.match(rejection(result), /item\.price\.amountMinor/u);
        }),
      );
    });
  });

  it('rejects an empty title and a missing seller, reporting every problem', () => {
    assert.equal(
      rejection(normaliseItems.process(changed({ title: ' \u00A0\u200B ' }), context)),
      'item.title must not be empty, got " \u00A0\u200B "',
    );
    assert.equal(
      rejection(
        normaliseItems.process(
          changed({ sellerId: '', title: '', price: { amountMinor: 0, currency: 'RUB' } }),
          context,
        ),
      ),
      'item.sellerId must not be empty, got ""; item.title must not be empty, got ""; item.price.amountMinor must be positive, got 0 RUB',
    );
  });

  it('rejects a record of the wrong shape, naming the field', () => {
    const broken = { ...changed(), item: { ...changed().item, price: null } } as unknown as ItemChanged;
    assert.equal(rejection(normaliseItems.process(broken, context)), 'item.price must be a record, got null');
    const noTitle = { ...changed(), item: { ...changed().item, title: 42 } } as unknown as ItemChanged;
    assert.equal(
      rejection(normaliseItems.process(noTitle, context)),
      'item.title must be a string, got number',
    );
  });

  describe('deletions', () => {
    it('emits the normalised last state with deleted=true', () => {
      const item = emitted(normaliseItems.process(changed({}, { type: 'DELETED', version: 4 }), context));
      assert.deepEqual(item, { ...samples['normalised-item'], deleted: true, version: 4 });
    });

    it('gets through whatever the price, title or seller: the item must leave search', () => {
      const result = normaliseItems.process(
        changed({ price: { amountMinor: 0, currency: 'XXX' }, title: '', sellerId: '' }, { type: 'DELETED' }),
        context,
      );
      const item = emitted(result);
      assert.equal(item.deleted, true);
      assert.deepEqual(item.price, { amountMinor: 0, currency: 'XXX' });
      assert.equal(result.kind === 'emit' && result.records[0]!.key, samples['item-changed'].item.id);
    });

    it('still needs an id and the right shape', () => {
      assert.match(
        rejection(normaliseItems.process(changed({ id: ' ' }, { type: 'DELETED' }), context)),
        /item\.id must not be empty/u,
      );
      const broken = { ...changed({}, { type: 'DELETED' }), item: null } as unknown as ItemChanged;
      assert.equal(rejection(normaliseItems.process(broken, context)), 'item must be a record, got null');
    });
  });

  it('rejects UNKNOWN change types', () => {
    assert.match(
      rejection(normaliseItems.process(changed({}, { type: 'UNKNOWN' }), context)),
      /type must be CREATED, UPDATED or DELETED, got UNKNOWN/u,
    );
  });

  it('property: any title, description, category and attributes give normalised text or a rejection of the title', () => {
    fc.assert(
      fc.property(
        text(),
        text(),
        text(),
        fc.dictionary(text(6), text(6), { maxKeys: 4 }),
        (title, description, category, attributes) => {
          const result = normaliseItems.process(
            changed({ title, description, category, attributes }),
            context,
          );
          if (result.kind === 'reject') {
            assert.match(result.reason, /^item\.title must not be empty/u);
            return;
          }
          const item = emitted(result);
          assert.notEqual(item.title, '');
          assert.equal(item.category.raw, category);
          for (const value of [
            item.title,
            item.description,
            ...Object.keys(item.attributes),
            ...Object.values(item.attributes),
          ]) {
            assert.equal(value, value.trim());
            assert.doesNotMatch(value, /\s{2}|[\u00A0\u200B]/u);
            assert.equal(value.normalize('NFKC'), value);
          }
          for (const key of Object.keys(item.attributes)) assert.equal(key, key.toLowerCase());
        },
      ),
    );
  });
});
