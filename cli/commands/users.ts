/**
 * `eshop users add --email <e> --role admin|seller|shopper [--password <p>]`: creates an account
 * directly in the system of record. Administrators cannot register through the API, so this is how
 * an operator creates the first one. It prompts for nothing (scripts and containers run it): without
 * `--password` it generates a strong one and prints it once.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import pg from 'pg';
import { EMAIL_TAKEN, insertUser, normaliseEmail } from '../../api/accounts/users.ts';
import { Email, NewPassword, RoleSchema } from '../../api/accounts/schemas.ts';
import { hashPassword } from '../../api/auth/passwords.ts';
import { loadConfig } from '../../core/config/index.ts';
import { ErrorCodes, isPlatformError, PlatformError } from '../../core/errors/index.ts';

interface AddOptions {
  email: string;
  role: string;
  password?: string;
}

/** 18 random bytes: 24 base64url characters, 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The account to create from the options, checked as the register endpoint checks its input. */
export function parseAddOptions(options: AddOptions): {
  email: string;
  role: 'admin' | 'seller' | 'shopper';
  password?: string;
} {
  const problems: string[] = [];
  const email = Email.safeParse(normaliseEmail(options.email));
  if (!email.success) problems.push(`--email ${email.error.issues[0]!.message}`);
  const role = RoleSchema.safeParse(options.role);
  if (!role.success) problems.push('--role must be admin, seller or shopper');
  if (options.password !== undefined) {
    const password = NewPassword.safeParse(options.password);
    if (!password.success) problems.push(`--password ${password.error.issues[0]!.message}`);
  }
  if (problems.length > 0 || !email.success || !role.success) {
    throw new PlatformError(ErrorCodes.VALIDATION_FAILED, problems.join('; '));
  }
  return {
    email: email.data,
    role: role.data,
    ...(options.password === undefined ? {} : { password: options.password }),
  };
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('Accounts of the storefront (the API’s users)');
  users
    .command('add')
    .description('Create an account, e.g. the first admin; prints a generated password when none is given')
    .requiredOption('--email <email>', 'e-mail address (stored in lower case)')
    .requiredOption('--role <role>', 'admin, seller or shopper')
    .option('--password <password>', '10 to 200 characters; generated and printed when absent')
    .action(async function addUser(options: AddOptions) {
      const account = parseAddOptions(options);
      const password = account.password ?? generatePassword();
      // One connection; a database that does not answer fails insertUser as SERVICE_UNAVAILABLE.
      const pool = new pg.Pool({ connectionString: loadConfig().postgres.url, max: 1 });
      try {
        const user = await insertUser(pool, {
          email: account.email,
          role: account.role,
          passwordHash: await hashPassword(password),
        });
        console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
        if (account.password === undefined) console.log(`Password: ${password}`);
      } catch (error) {
        if (isPlatformError(error, ErrorCodes.CONFLICT)) {
          throw new PlatformError(ErrorCodes.CONFLICT, `${EMAIL_TAKEN}: ${account.email}`);
        }
        throw error;
      } finally {
        await pool.end();
      }
    });
}
