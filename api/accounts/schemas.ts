/** Request and response schemas of the accounts endpoints; `eshop users add` checks its input with them too. */
import { z } from '@hono/zod-openapi';
import { Uuid } from '../http/schemas.ts';
import { roles } from '../http/env.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const Email = z
  .email({ error: 'must be an e-mail address' })
  .max(254, { error: 'must have at most 254 characters' })
  .openapi({ example: 'ann@shop.example', description: 'Stored and compared in lower case' });

export const NewPassword = z
  .string({ error: 'must be a string' })
  .min(PASSWORD_MIN_LENGTH, { error: `must have at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `must have at most ${PASSWORD_MAX_LENGTH} characters` })
  .openapi({ example: 'correct horse battery' });

export const RoleSchema = z.enum(roles).openapi('Role', { example: 'shopper' });

export const RegisterBody = z
  .object({
    email: Email,
    password: NewPassword,
    role: z
      .enum(['shopper', 'seller'], {
        error: 'must be shopper or seller (administrators are created by an operator: eshop users add)',
      })
      .optional()
      .openapi({ description: 'Default shopper. Sellers may then open a seller page.', example: 'seller' }),
  })
  .openapi('RegisterRequest');

export const LoginBody = z
  .object({
    // Not checked as an e-mail: whatever is sent, a wrong address answers like a wrong password.
    email: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'is required' })
      .max(254, { error: 'must have at most 254 characters' })
      .openapi({ example: 'ann@shop.example' }),
    password: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'is required' })
      .max(PASSWORD_MAX_LENGTH, { error: `must have at most ${PASSWORD_MAX_LENGTH} characters` })
      .openapi({ example: 'correct horse battery' }),
  })
  .openapi('LoginRequest');

export const RefreshBody = z
  .object({
    refreshToken: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'is required' })
      .max(200, { error: 'must have at most 200 characters' })
      .openapi({ example: 'q0d5mB3Qm0v0O6k2f4d9m6G3i1u8y7t5r4e3w2q1a0Z' }),
  })
  .openapi('RefreshTokenRequest');

export const UserSchema = z
  .object({
    id: Uuid.openapi({ example: '3f6c1f9e-8a55-4c51-9d1e-2a3b4c5d6e7f' }),
    email: z.string().openapi({ example: 'ann@shop.example' }),
    role: RoleSchema,
  })
  .openapi('User');

export const SessionSchema = z
  .object({
    user: UserSchema,
    accessToken: z.string().openapi({
      description: 'Send as `Authorization: Bearer <accessToken>`',
      example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzZjZjMWY5ZS…',
    }),
    expiresIn: z
      .number()
      .int()
      .openapi({ description: 'Seconds the access token is valid for', example: 900 }),
    refreshToken: z.string().openapi({
      description:
        'Opaque and single-use: exchange it at /v1/auth/refresh for a new pair. Using one twice signs out every session of the login.',
      example: 'q0d5mB3Qm0v0O6k2f4d9m6G3i1u8y7t5r4e3w2q1a0Z',
    }),
  })
  .openapi('Session');

export const AccountSchema = z
  .object({
    id: Uuid.openapi({ example: '3f6c1f9e-8a55-4c51-9d1e-2a3b4c5d6e7f' }),
    email: z.string().openapi({ example: 'ann@shop.example' }),
    role: RoleSchema,
    createdAt: z.string().openapi({ example: '2026-01-15T09:00:00.000Z' }),
    seller: z
      .object({
        id: Uuid.openapi({ example: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10' }),
        name: z.string().openapi({ example: 'Gadget House' }),
      })
      .nullable()
      .openapi({ description: "The caller's seller page; null when they have none" }),
  })
  .openapi('Account');
