/**
 * One write, one trace: an item created through the API is followed, by its spans, through the
 * outbox relay, normalise-items, enrich-items and the four sinks, on the real stack.
 *
 * The spans are exported the way every platform process exports them: startTracing() with
 * OTEL_EXPORTER_OTLP_ENDPOINT set, over OTLP/HTTP (JSON, what @opentelemetry/exporter-trace-otlp-http
 * sends) to a small receiver this test runs. API, relay, processors and sinks run in this process
 * (one tracer provider), but the context crosses Kafka in the `traceparent` header exactly as
 * between processes.
 *
 * The same spans go to the local stack's Jaeger (stack/services/jaeger.ts) over OTLP too, and the
 * second test reads the trace back through Jaeger's HTTP API.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { parseTraceparent } from '../../core/events/trace-context.ts';
import { startTracing } from '../../core/telemetry/tracing.ts';
import { jaegerPorts } from '../../stack/services/jaeger.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { requireService, testConfig, uniqueName } from '../support/index.ts';
import { testKafka } from '../support/kafka.ts';
import { TestPipeline } from '../support/pipeline.ts';

const WAIT_MS = 180_000;
const SINKS = ['search-sink', 'clickhouse-sink', 'redis-sink', 'archive-sink'];
const JAEGER = `http://127.0.0.1:${jaegerPorts.query}`;
const JAEGER_OTLP = `http://127.0.0.1:${jaegerPorts.otlpHttp}/v1/traces`;

interface JaegerTrace {
  traceID: string;
  spans: { spanID: string; operationName: string; references: { refType: string; spanID: string }[] }[];
}

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  service: string;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: (Omit<ReceivedSpan, 'attributes' | 'service'> & { attributes?: OtlpAttribute[] })[];
    }[];
  }[];
}

const valueOf = (v: OtlpValue) => v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue;
const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** A minimal OTLP/HTTP trace receiver (JSON encoding): POST /v1/traces. */
async function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      if (!/json/.test(req.headers['content-type'] ?? '')) {
        res.writeHead(415).end('this receiver speaks OTLP/JSON');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as OtlpRequest;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              service,
              attributes: attributesOf(span.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

describe('Tracing: one write through API, outbox, processors and sinks is one trace', () => {
  const config = { ...testConfig(), streams: { ...testConfig().streams, metricsPort: 0 } };
  const namespace = uniqueName('trace').replace(/[^a-z0-9]/g, '');
  const pipeline = new TestPipeline(config, testKafka(), namespace);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stopTracing: () => Promise<void>;
  let api: TestApi;
  /** What the first test followed: its trace id and the spans the receiver got for it. */
  let followed: { traceId: string; spans: ReceivedSpan[] } | undefined;

  before(async () => {
    await requireService('jaeger', JAEGER, async () => {
      const response = await fetch(`${JAEGER}/api/services`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    });
    receiver = await startReceiver();
    // What a platform process gets from its environment; the exporter reads it when built.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    process.env.OTEL_BSP_SCHEDULE_DELAY = '200';
    stopTracing = startTracing('tracing-test', [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: JAEGER_OTLP }), { scheduledDelayMillis: 200 }),
    ]);
    await pipeline.start({ sinksFrom: 'end' });
    api = await startTestApi({ ...pipeline.storeEnvironment(), SINK_LINGER_MS: '200' });
  });

  after(async () => {
    await api?.stop();
    await pipeline.stop();
    await stopTracing?.();
    receiver?.server.close();
  });

  it(
    'the API span, the relay’s, both item processors’ and each sink’s share one trace id and chain to the API span',
    { timeout: 600_000 },
    async () => {
      const tag = `trace${randomUUID().slice(0, 6)}`;
      const account = await api.request('POST', '/v1/auth/register', {
        body: { email: `${tag}@example.test`, password: 'correct horse battery', role: 'seller' },
      });
      assert.equal(account.status, 201, JSON.stringify(account.body));
      const token: string = account.body.accessToken;
      const page = await api.request('POST', '/v1/sellers', {
        token,
        body: { name: `Shop ${tag}`, region: 'Kazan' },
      });
      assert.equal(page.status, 201, JSON.stringify(page.body));

      // The write this test follows.
      const created = await api.request('POST', '/v1/items', {
        token,
        body: {
          title: `Phone ${tag}`,
          description: 'A traced phone',
          category: 'Phones',
          price: { amountMinor: 1_000_00, currency: 'RUB' },
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const traceId = parseTraceparent(created.headers.get('traceparent') ?? undefined)?.traceId;
      assert.ok(traceId, 'the response names its trace');

      const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
      const sinkSpan = (sink: string) => inTrace().find((s) => s.name === `${sink} write`);
      const deadline = Date.now() + WAIT_MS;
      while (SINKS.some((sink) => !sinkSpan(sink))) {
        if (Date.now() > deadline) {
          const seen = inTrace().map((s) => s.name);
          assert.fail(
            `not every sink wrote the item within ${WAIT_MS / 1000}s; spans seen: ${seen.join(', ')}`,
          );
        }
        await sleep(300);
      }
      const spans = inTrace();
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      const one = (what: string, match: (s: ReceivedSpan) => boolean) => {
        const found = spans.filter(match);
        assert.equal(
          found.length,
          1,
          `${what}: ${found.length} spans in the trace (${spans.map((s) => s.name).join(', ')})`,
        );
        return found[0]!;
      };

      const request = one('API request', (s) => s.name === 'POST /v1/items');
      assert.equal(request.kind, 2); // SERVER
      assert.equal(request.parentSpanId, '', 'the request starts the trace');
      const relay = one('relay', (s) => s.name === 'outbox-relay publish');
      assert.equal(relay.kind, 4); // PRODUCER
      assert.equal(relay.parentSpanId, request.spanId);
      assert.equal(relay.attributes['messaging.destination.name'], 'shop.items');
      const processor = (name: string) =>
        one(name, (s) => String(s.attributes['eshop.processor'] ?? '').includes(name));
      const normalise = processor('normalise-items');
      assert.equal(normalise.kind, 5); // CONSUMER
      assert.equal(normalise.parentSpanId, relay.spanId);
      assert.equal(normalise.attributes['messaging.system'], 'kafka');
      const enrich = processor('enrich-items');
      assert.equal(enrich.parentSpanId, normalise.spanId);

      for (const sink of SINKS) {
        const write = sinkSpan(sink)!;
        assert.equal(write.attributes['eshop.sink'], sink);
        assert.equal(write.attributes['messaging.system'], 'kafka');
        // Every span's parent chain leads back to the API request.
        const chain = [write.name];
        for (let span = write; span !== request;) {
          const parent = byId.get(span.parentSpanId);
          assert.ok(parent, `${chain.join(' ← ')}: the parent ${span.parentSpanId} is not in the trace`);
          chain.push(parent.name);
          span = parent;
        }
        // Sinks of enriched items hang under enrich-items; the archive keeps the raw events too.
        assert.ok(
          [enrich.spanId, relay.spanId, normalise.spanId].includes(write.parentSpanId),
          `${sink}: ${chain.join(' ← ')}`,
        );
      }
      for (const sink of ['search-sink', 'clickhouse-sink', 'redis-sink'])
        assert.equal(sinkSpan(sink)!.parentSpanId, enrich.spanId, `${sink} writes enriched items`);

      followed = { traceId, spans };
      console.log(
        `spans of one item write: ${spans.length} (${[...new Set(spans.map((s) => s.name.replace(/e2e-|-[0-9a-f]{8}/g, '')))].join(', ')})`,
      );
    },
  );

  it('Jaeger has the same trace: every span, with the same parents', { timeout: 120_000 }, async () => {
    assert.ok(followed, 'the first test followed a write');
    const { traceId, spans } = followed;
    const deadline = Date.now() + 60_000;
    let trace: JaegerTrace | undefined;
    for (;;) {
      const response = await fetch(`${JAEGER}/api/traces/${traceId}`);
      if (response.ok) {
        trace = ((await response.json()) as { data: JaegerTrace[] }).data[0];
        if (spans.every((s) => trace?.spans.some((j) => j.spanID === s.spanId))) break;
      }
      if (Date.now() > deadline) {
        assert.fail(
          `Jaeger did not have all ${spans.length} spans of ${traceId} within 60s (HTTP ${response.status}, ${trace?.spans.length ?? 0} spans)`,
        );
      }
      await sleep(500);
    }
    assert.ok(trace);
    const stored = trace;
    assert.equal(stored.traceID, traceId);
    for (const span of spans) {
      const inJaeger = stored.spans.find((j) => j.spanID === span.spanId)!;
      assert.equal(inJaeger.operationName, span.name);
      const parent = inJaeger.references.find((r) => r.refType === 'CHILD_OF')?.spanID ?? '';
      assert.equal(parent, span.parentSpanId, `${span.name}: its parent in Jaeger`);
    }
  });
});
