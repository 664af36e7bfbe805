/**
 * Finding a JDK for the JVM services. The machines have Debian's OpenJDK 17 and a newer Temurin
 * beside it; each service asks for the lowest major version it supports and gets the first JDK
 * that satisfies it, so the choice does not depend on what `java` on the PATH happens to be.
 */
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { runCommand } from '../process/run-command.ts';

const JVM_ROOT = '/usr/lib/jvm';

export interface Jdk {
  home: string;
  java: string;
  major: number;
}

async function majorVersion(java: string): Promise<number | undefined> {
  try {
    const { stderr } = await runCommand(java, ['-XshowSettings:properties', '-version']);
    const spec = /java\.specification\.version = (\d+)/.exec(stderr)?.[1];
    return spec ? Number(spec) : undefined;
  } catch {
    return undefined;
  }
}

/** The installed JDKs, from JAVA_HOME and /usr/lib/jvm, lowest major version first. */
export async function installedJdks(): Promise<Jdk[]> {
  const homes = new Set<string>();
  if (process.env.JAVA_HOME) homes.add(process.env.JAVA_HOME);
  for (const entry of await readdir(JVM_ROOT).catch(() => [] as string[])) homes.add(join(JVM_ROOT, entry));
  const found = new Map<number, Jdk>();
  for (const home of homes) {
    const java = join(home, 'bin', 'java');
    if (
      !(await access(java).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const major = await majorVersion(java);
    if (major !== undefined && !found.has(major)) found.set(major, { home, java, major });
  }
  return [...found.values()].sort((a, b) => a.major - b.major);
}

/** The oldest installed JDK with at least `minimum` as its major version. */
export async function findJdk(service: string, minimum: number): Promise<Jdk> {
  const jdks = await installedJdks();
  const jdk = jdks.find((j) => j.major >= minimum);
  if (!jdk) {
    throw new PlatformError(
      ErrorCodes.STACK_PROVISION_FAILED,
      `${service} needs Java ${minimum} or newer; found ${jdks.map((j) => j.major).join(', ') || 'none'} (install openjdk-${minimum}-jdk-headless or set JAVA_HOME)`,
      { service },
    );
  }
  return jdk;
}
