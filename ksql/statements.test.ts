import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkStatements, readStatements } from './statements.ts';

describe('ksql statements', () => {
  const statements = readStatements();

  it('reference only declared topics, and fields that exist in their Avro schemas', () => {
    const { problems, relations } = checkStatements(statements);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      [...relations.values()]
        .filter((r) => !r.derived)
        .map((r) => r.topic)
        .sort(),
      ['shop.activity.enriched', 'shop.comments.scored', 'shop.items.normalised', 'shop.sellers'],
    );
    assert.ok(relations.get('ITEM_VIEWS_PER_MINUTE')?.columns.has('VIEWS'));
    assert.ok(relations.get('ITEMS_WITH_SELLERS')?.columns.has('SELLER_NAME'));
  });

  const check = (sql: string) => checkStatements([...statements, { file: 'x.sql', text: sql }]).problems;

  it('catch a topic that is not declared', () => {
    assert.match(
      check(
        "CREATE STREAM s (k STRING KEY) WITH (KAFKA_TOPIC = 'shop.orders', VALUE_FORMAT = 'AVRO')",
      ).join(),
      /shop\.orders, which schemas\/topics\.ts does not declare/,
    );
  });

  it('catch a field that is not in the schema, at any depth', () => {
    const base = "CREATE STREAM t WITH (KAFKA_TOPIC = 'ksql.t') AS SELECT";
    assert.match(check(`${base} a.activity->itemid AS x FROM activity_enriched a EMIT CHANGES`).join(), /^$/);
    assert.match(
      check(`${base} a.activity->itemNo AS x FROM activity_enriched a EMIT CHANGES`).join(),
      /no field itemNo/,
    );
    assert.match(
      check(`${base} a.activity->purchase->total->cents AS x FROM activity_enriched a EMIT CHANGES`).join(),
      /no field cents/,
    );
    assert.match(
      check(`${base} a.shopper AS x FROM activity_enriched a EMIT CHANGES`).join(),
      /has no column shopper/,
    );
  });

  it('catch unqualified paths, unknown relations, missing aliases and writes to platform topics', () => {
    assert.match(
      check(
        "CREATE STREAM t WITH (KAFKA_TOPIC = 'ksql.t') AS SELECT activity->itemId AS x FROM activity_enriched a EMIT CHANGES",
      ).join(),
      /must be qualified/,
    );
    assert.match(
      check(
        "CREATE STREAM t WITH (KAFKA_TOPIC = 'ksql.t') AS SELECT o.id AS x FROM orders o EMIT CHANGES",
      ).join(),
      /reads orders, which no earlier statement creates/,
    );
    assert.match(
      check(
        "CREATE STREAM t WITH (KAFKA_TOPIC = 'ksql.t') AS SELECT a.activity->itemId FROM activity_enriched a EMIT CHANGES",
      ).join(),
      /needs an AS <name>/,
    );
    assert.match(
      check(
        "CREATE STREAM t WITH (KAFKA_TOPIC = 'shop.activity') AS SELECT a.activity AS x FROM activity_enriched a EMIT CHANGES",
      ).join(),
      /derived topics must be new/,
    );
  });
});
