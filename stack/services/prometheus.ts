/** Prometheus from Debian's prometheus package: scrapes the platform's processes. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpOk } from '../health/probes.ts';
import { fromDebianPackages } from '../provision/debian.ts';
import type { ServiceDefinition } from '../service.ts';

export const prometheus: ServiceDefinition = {
  name: 'prometheus',
  description: "Prometheus from Debian's prometheus package",
  recipe: 'debian:prometheus:2',

  ...fromDebianPackages('prometheus', ['prometheus']),

  async prepare(ctx) {
    const p = ctx.config.stack.ports;
    // Scrape targets of the local stack. The platform's own processes add theirs as they arrive.
    const config = `global:
  scrape_interval: 15s
  evaluation_interval: 15s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['${ctx.host}:${p.prometheus}']
  - job_name: minio
    metrics_path: /minio/v2/metrics/cluster
    static_configs:
      - targets: ['${ctx.host}:${p.minio}']
  - job_name: schema-registry
    static_configs:
      - targets: ['${ctx.host}:${p.schemaRegistryManagement}']
`;
    await writeFile(join(ctx.dataDir('prometheus'), 'prometheus.yml'), config);
  },

  launch(ctx) {
    const dir = ctx.dataDir('prometheus');
    return {
      command: '/usr/bin/prometheus',
      args: [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        '--storage.tsdb.retention.time=7d',
        `--web.listen-address=${ctx.host}:${ctx.config.stack.ports.prometheus}`,
        // Debian's build looks for the web UI's assets under /usr/share; keep its default.
      ],
    };
  },

  isHealthy(ctx) {
    return httpOk(`http://${ctx.host}:${ctx.config.stack.ports.prometheus}/-/ready`);
  },

  ports(ctx) {
    return [ctx.config.stack.ports.prometheus];
  },

  url(ctx) {
    return `http://${ctx.host}:${ctx.config.stack.ports.prometheus}`;
  },
};
