/** Prometheus from Debian's prometheus package: scrapes the platform's processes. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpOk } from '../health/probes.ts';
import { fromDebianPackages } from '../provision/debian.ts';
import type { ServiceDefinition } from '../service.ts';

/** The repository's Prometheus configuration and alert rules. */
export const prometheusConfigDir = fileURLToPath(new URL('../../dashboards/prometheus/', import.meta.url));

export const prometheus: ServiceDefinition = {
  name: 'prometheus',
  description: "Prometheus from Debian's prometheus package",
  recipe: 'debian:prometheus:2',

  ...fromDebianPackages('prometheus', ['prometheus']),

  async prepare(ctx) {
    const p = ctx.config.stack.ports;
    // The repository's configuration (dashboards/prometheus/local.yml): the stack's services and
    // the platform's processes, with the alert rules of this checkout.
    const values: Record<string, string> = {
      host: ctx.host,
      prometheusPort: String(p.prometheus),
      minioPort: String(p.minio),
      schemaRegistryManagementPort: String(p.schemaRegistryManagement),
      apiPort: String(ctx.config.api.port),
      rulesDir: join(prometheusConfigDir, 'rules'),
    };
    const template = await readFile(join(prometheusConfigDir, 'local.yml'), 'utf8');
    const config = template.replace(/\{\{(\w+)\}\}/g, (placeholder: string, name: string) => {
      const value = values[name];
      if (value === undefined)
        throw new Error(`dashboards/prometheus/local.yml: unknown placeholder ${placeholder}`);
      return value;
    });
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
