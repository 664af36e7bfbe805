/**
 * Runs a command to completion (installs, downloads, builds, one-shot tools such as initdb).
 * Output goes to a log file and feeds the progress heartbeat; on failure the error carries the
 * last lines, which is nearly always where the reason is.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { ProgressStep } from '../progress.ts';

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Appends stdout and stderr here. */
  logFile?: string;
  step?: ProgressStep;
  /** Text for stdin, e.g. a password file for initdb. */
  input?: string;
  /** Which service the command belongs to, for the error. */
  service?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

const TAIL_LINES = 25;

export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
    log?.write(`\n$ ${command} ${args.join(' ')}\n`);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const onData = (sink: Buffer[]) => (chunk: Buffer) => {
      sink.push(chunk);
      log?.write(chunk);
      const lines = chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim());
      const last = lines.at(-1);
      if (last) options.step?.update(last);
    };
    child.stdout?.on('data', onData(stdout));
    child.stderr?.on('data', onData(stderr));
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.on('error', (error) => {
      log?.end();
      reject(
        new PlatformError(ErrorCodes.COMMAND_FAILED, `could not run ${command}: ${error.message}`, {
          cause: error,
          command,
          service: options.service,
        }),
      );
    });
    child.on('close', (code, signal) => {
      log?.end();
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      if (code === 0) {
        resolvePromise({ stdout: out, stderr: err });
        return;
      }
      const tail = `${out}\n${err}`
        .split('\n')
        .filter((line) => line.trim())
        .slice(-TAIL_LINES)
        .join('\n');
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(
        new PlatformError(
          ErrorCodes.COMMAND_FAILED,
          `${command} ${args.slice(0, 3).join(' ')} ${how}:\n${tail}`,
          {
            command,
            exitCode: code,
            service: options.service,
            logFile: options.logFile,
          },
        ),
      );
    });
  });
}

/** True when `command` is on the PATH (or is an executable path). */
export async function commandExists(command: string): Promise<boolean> {
  try {
    await runCommand('sh', ['-c', `command -v "${command}"`]);
    return true;
  } catch {
    return false;
  }
}
