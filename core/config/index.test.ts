import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../errors/index.ts';
import { loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('defaults every client to the local stack on loopback', () => {
    const config = loadConfig({});
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:9092']);
    assert.equal(config.schemaRegistry.url, 'http://127.0.0.1:8081/apis/ccompat/v7');
    assert.equal(config.search.url, 'http://127.0.0.1:9200');
    assert.equal(config.clickhouse.url, 'http://127.0.0.1:8123');
    assert.equal(config.redis.url, 'redis://127.0.0.1:6379');
    assert.equal(config.minio.endpoint, 'http://127.0.0.1:9900');
  });

  it('derives client URLs from changed stack ports', () => {
    const config = loadConfig({ KAFKA_PORT: '19092', SEARCH_PORT: '19200' });
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:19092']);
    assert.equal(config.search.url, 'http://127.0.0.1:19200');
    assert.equal(config.stack.ports.kafka, 19092);
  });

  it('lets an explicit URL win over the derived default', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'a:1, b:2', SEARCH_URL: 'https://search.example:443' });
    assert.deepEqual(config.kafka.brokers, ['a:1', 'b:2']);
    assert.equal(config.search.url, 'https://search.example:443');
  });

  it('names every malformed variable in one error', () => {
    assert.throws(
      () => loadConfig({ KAFKA_PORT: 'abc', REDIS_URL: 'http://nope', STACK_HOST: '10.0.0.1' }),
      (error: unknown) => {
        assert.ok(isPlatformError(error, 'CONFIG_INVALID'));
        assert.match(error.message, /KAFKA_PORT="abc": must be a number/);
        assert.match(error.message, /REDIS_URL="http:\/\/nope": must be a URL starting with redis:\/\//);
        assert.match(error.message, /STACK_HOST="10.0.0.1": must be a loopback address/);
        assert.deepEqual(error.details.variables, ['STACK_HOST', 'KAFKA_PORT', 'REDIS_URL']);
        // A bad port must not also be reported through the URL derived from it.
        assert.doesNotMatch(error.message, /KAFKA_BROKERS/);
        return true;
      },
    );
  });

  it('never prints secrets in errors', () => {
    assert.throws(
      () => loadConfig({ S3_SECRET_KEY: 'short' }),
      (error: unknown) =>
        isPlatformError(error) &&
        error.message.includes('S3_SECRET_KEY=<hidden>') &&
        !error.message.includes('short'),
    );
  });

  it('rejects ports out of range and relative paths', () => {
    assert.throws(() => loadConfig({ POSTGRES_PORT: '70000' }), /POSTGRES_PORT="70000": must be a TCP port/);
    assert.throws(
      () => loadConfig({ STACK_HOME: 'relative/dir' }),
      /STACK_HOME="relative\/dir": must be an absolute path/,
    );
  });

  it('lists every setting with its documentation', () => {
    const { settings } = loadConfig({});
    const names = settings.map((s) => s.env);
    assert.equal(new Set(names).size, names.length, 'each variable is declared once');
    assert.ok(settings.every((s) => s.doc.length > 0));
    assert.ok(names.includes('KAFKA_BROKERS') && names.includes('STACK_CACHE_DIR'));
  });
});
