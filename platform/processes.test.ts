import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API, FIRST_METRICS_PORT, LOAD, platformProcesses, probeHost } from './processes.ts';

describe('platformProcesses', () => {
  const table = platformProcesses({ host: '127.0.0.1', apiPort: 8080 });

  it('runs every part `eshop run` knows, then the load, in start order', async () => {
    const { processorsFrom, sinksFrom, OUTBOX_RELAY } = await import('../cli/commands/run.ts');
    const { loadConfig } = await import('../core/config/index.ts');
    const config = loadConfig({});
    assert.deepEqual(
      table.map((p) => p.name),
      [OUTBOX_RELAY, ...Object.keys(processorsFrom(config)), ...Object.keys(sinksFrom(config)), API, LOAD],
    );
    for (const process of table.filter((p) => p.kind !== 'load')) {
      assert.deepEqual(process.args, ['run', process.name]);
    }
  });

  it('gives each process but the API a fixed metrics port of its own, from 9464 up', () => {
    const consumers = table.filter((p) => p.kind !== 'api' && p.kind !== 'load');
    assert.deepEqual(
      consumers.map((p) => p.env.METRICS_PORT),
      consumers.map((_, i) => String(FIRST_METRICS_PORT + i)),
    );
    for (const process of consumers) {
      assert.equal(process.metricsUrl, `http://127.0.0.1:${process.env.METRICS_PORT}/metrics`);
      assert.equal(process.readyUrl, process.metricsUrl, 'ready once its metrics answer');
      assert.deepEqual(process.ports, [Number(process.env.METRICS_PORT)]);
    }
    const ports = table.flatMap((p) => p.ports);
    assert.equal(new Set(ports).size, ports.length, 'no port twice');
  });

  it("waits for the API's readiness, and serves its metrics on its own port", () => {
    const api = table.find((p) => p.name === API)!;
    assert.equal(api.readyUrl, 'http://127.0.0.1:8080/health/ready');
    assert.equal(api.metricsUrl, 'http://127.0.0.1:8080/metrics');
    assert.deepEqual(api.ports, [8080]);
  });

  it('sends the load through the API until stopped, with the settings given', () => {
    const load = table.find((p) => p.name === LOAD)!;
    assert.deepEqual(load.args, ['load', '--via-api', 'http://127.0.0.1:8080', '--duration', '0']);
    const tuned = platformProcesses({ host: '0.0.0.0', apiPort: 8090, load: { rate: 5, items: 50 } });
    assert.deepEqual(tuned.find((p) => p.name === LOAD)!.args, [
      'load',
      '--via-api',
      'http://127.0.0.1:8090',
      '--duration',
      '0',
      '--rate',
      '5',
      '--items',
      '50',
    ]);
    assert.equal(platformProcesses({ host: '127.0.0.1', apiPort: 8080, load: false }).at(-1)!.name, API);
  });

  it('probes an API listening on every address through loopback', () => {
    assert.equal(probeHost('0.0.0.0'), '127.0.0.1');
    assert.equal(probeHost('::'), '127.0.0.1');
    assert.equal(probeHost('127.0.0.2'), '127.0.0.2');
  });
});
