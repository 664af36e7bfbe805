/**
 * MinIO, built from its Go module through the Go module proxy: the S3 archive and item images.
 *
 * MinIO's RELEASE tags are not semver, so the proxy serves only pseudo-versions; we pin one.
 * `go install` does not stamp MinIO's release name, so the server calls itself DEVELOPMENT.GOGET
 * and the version shown is the module version from the binary's build info.
 */
import { join } from 'node:path';
import { httpOk } from '../health/probes.ts';
import { exists } from '../provision/files.ts';
import { goBinary, goInstall, goModuleVersion, type GoBuild } from '../provision/go.ts';
import type { ServiceDefinition, StackContext } from '../service.ts';

const BUILD: GoBuild = {
  pkg: 'github.com/minio/minio',
  // Commit 7aac2a2c5b7c of 2026-02-12, what @latest resolved to when this was written.
  version: 'v0.0.0-20260212201848-7aac2a2c5b7c',
  binary: 'minio',
};

function endpoint(ctx: StackContext): string {
  return `http://${ctx.host}:${ctx.config.stack.ports.minio}`;
}

export const minio: ServiceDefinition = {
  name: 'minio',
  description: 'MinIO built from its Go module',
  recipe: `go:${BUILD.pkg}@${BUILD.version}`,

  async provision(ctx) {
    const binary = await goInstall(ctx, 'minio', BUILD);
    const version = (await goModuleVersion(binary, BUILD.pkg)) ?? BUILD.version;
    return { version, route: `Go module proxy ${BUILD.pkg}@${version} (go install)`, paths: { binary } };
  },

  async isProvisioned(ctx) {
    return exists(goBinary(ctx, 'minio', BUILD));
  },

  launch(ctx, provisioned) {
    const { ports } = ctx.config.stack;
    return {
      command: provisioned.paths.binary!,
      args: [
        'server',
        join(ctx.dataDir('minio'), 'data'),
        '--address',
        `${ctx.host}:${ports.minio}`,
        '--console-address',
        `${ctx.host}:${ports.minioConsole}`,
      ],
      cwd: ctx.dataDir('minio'),
      env: {
        MINIO_ROOT_USER: ctx.config.minio.accessKey,
        MINIO_ROOT_PASSWORD: ctx.config.minio.secretKey,
        // Prometheus scrapes the cluster metrics without a bearer token on the local stack.
        MINIO_PROMETHEUS_AUTH_TYPE: 'public',
        MINIO_UPDATE: 'off',
      },
    };
  },

  async isHealthy(ctx) {
    return (
      (await httpOk(`${endpoint(ctx)}/minio/health/live`)) && httpOk(`${endpoint(ctx)}/minio/health/ready`)
    );
  },

  url(ctx) {
    return endpoint(ctx);
  },

  ports(ctx) {
    return [ctx.config.stack.ports.minio, ctx.config.stack.ports.minioConsole];
  },
};
