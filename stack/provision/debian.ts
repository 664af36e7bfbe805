/**
 * Installs Debian packages with apt, once, and reports installed versions.
 *
 * Debian's maintainer scripts try to start a freshly installed server through invoke-rc.d; a
 * policy-rc.d that exits 101 forbids that for the duration of the install, because the stack
 * runs each server itself on its own ports and data directories.
 */
import { access, rm, writeFile } from 'node:fs/promises';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { runCommand } from '../process/run-command.ts';
import type { ServiceDefinition, ServiceName, StackContext } from '../service.ts';

const POLICY_RC_D = '/usr/sbin/policy-rc.d';
let updated: Promise<unknown> | undefined;
let installing: Promise<unknown> = Promise.resolve();

/** The installed version of a Debian package, or undefined when it is not installed. */
export async function installedVersion(pkg: string): Promise<string | undefined> {
  try {
    const { stdout } = await runCommand('dpkg-query', ['-W', '-f=${Status}\t${Version}', pkg]);
    const [status, version] = stdout.split('\t');
    return status === 'install ok installed' ? version : undefined;
  } catch {
    return undefined;
  }
}

export async function ensureDebianPackages(
  ctx: StackContext,
  service: string,
  packages: readonly string[],
  logFile: string,
): Promise<void> {
  const missing: string[] = [];
  for (const pkg of packages) if ((await installedVersion(pkg)) === undefined) missing.push(pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new PlatformError(
      ErrorCodes.STACK_PROVISION_FAILED,
      `${service}: Debian packages ${missing.join(', ')} are missing; install them as root (apt-get install ${missing.join(' ')}) or run the stack as root`,
      { service, packages: missing },
    );
  }
  // apt holds a lock: installs from services provisioned concurrently must queue.
  const run = installing.then(async () => {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (!updated) {
      const step = ctx.progress.step(service, 'apt-get update');
      updated = runCommand('apt-get', ['update'], { env, logFile, step, service }).then(() => step.done());
    }
    await updated;
    const step = ctx.progress.step(service, `apt-get install ${missing.join(' ')}`);
    const hadPolicy = await access(POLICY_RC_D).then(
      () => true,
      () => false,
    );
    if (!hadPolicy) await writeFile(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    try {
      await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
        env,
        logFile,
        step,
        service,
      });
    } finally {
      if (!hadPolicy) await rm(POLICY_RC_D, { force: true });
    }
    step.done();
  });
  installing = run.catch(() => undefined);
  await run;
}

/** "5:7.0.15-1~deb12u10" → "7.0.15": the upstream version, as the server itself reports it. */
export function debianUpstreamVersion(debianVersion: string): string {
  return debianVersion.replace(/^\d+:/, '').replace(/[-+~].*$/, '');
}

/**
 * The provisioning half of a service that comes from Debian packages: install them when missing,
 * report the first one's version. Spread into a ServiceDefinition.
 */
export function fromDebianPackages(
  service: ServiceName,
  packages: readonly [string, ...string[]],
): Pick<ServiceDefinition, 'provision' | 'isProvisioned'> {
  const [main] = packages;
  return {
    async provision(ctx) {
      await ensureDebianPackages(ctx, service, packages, ctx.provisionLogFile(service));
      const version = (await installedVersion(main)) ?? 'unknown';
      return {
        version: debianUpstreamVersion(version),
        route: `Debian package ${main} ${version}`,
        paths: {},
      };
    },
    async isProvisioned() {
      for (const pkg of packages) if ((await installedVersion(pkg)) === undefined) return false;
      return true;
    },
  };
}
