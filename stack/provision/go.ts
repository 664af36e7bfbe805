/**
 * Builds a Go program from its module through the Go module proxy (`go install module@version`).
 * GOBIN, the module cache and the build cache all live in the service's stack cache, so the
 * build is repeatable and removing the cache removes everything it brought.
 */
import { join } from 'node:path';
import { runCommand } from '../process/run-command.ts';
import type { ServiceName, StackContext } from '../service.ts';

export interface GoBuild {
  /** Package path to install, e.g. github.com/minio/minio */
  pkg: string;
  version: string;
  /** Name of the binary `go install` produces. */
  binary: string;
}

export function goBinary(ctx: StackContext, service: ServiceName, build: GoBuild): string {
  return join(ctx.cacheDir(service), 'bin', build.binary);
}

export async function goInstall(ctx: StackContext, service: ServiceName, build: GoBuild): Promise<string> {
  const dir = ctx.cacheDir(service);
  const step = ctx.progress.step(
    service,
    `building ${build.pkg}@${build.version} with go install (takes minutes)`,
  );
  await runCommand('go', ['install', `${build.pkg}@${build.version}`], {
    cwd: dir,
    env: {
      GOBIN: join(dir, 'bin'),
      GOMODCACHE: join(dir, 'gomodcache'),
      GOCACHE: join(dir, 'gocache'),
      // A module cache that plain `rm -rf` can delete.
      GOFLAGS: '-modcacherw',
    },
    step,
    logFile: ctx.provisionLogFile(service),
    service,
  });
  step.done();
  return goBinary(ctx, service, build);
}

/** The module version recorded in a Go binary's build info, or undefined if it has none. */
export async function goModuleVersion(binary: string, pkg: string): Promise<string | undefined> {
  try {
    const { stdout } = await runCommand('go', ['version', '-m', binary]);
    const line = stdout.split('\n').find((l) => l.trim().startsWith('mod\t') && l.includes(pkg));
    return line?.trim().split('\t')[2];
  } catch {
    return undefined;
  }
}
