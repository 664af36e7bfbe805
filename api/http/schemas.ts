/**
 * Schemas shared by every area of the API: they validate input and describe the OpenAPI document.
 * Area-specific schemas live beside their routes (items/schemas.ts, ...).
 */
import { z } from '@hono/zod-openapi';

export const Uuid = z.uuid({ error: 'must be a UUID' });

/** `{ id }` path parameter of one entity. */
export const IdParam = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' }, example: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10' }),
});

export const Money = z
  .object({
    amountMinor: z
      .number()
      .int({ error: 'must be a whole number of minor units (kopecks, cents)' })
      .positive({ error: 'must be greater than 0' })
      .max(Number.MAX_SAFE_INTEGER)
      .openapi({ example: 1299000, description: 'Integer amount in the minor unit of the currency' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as RUB' })
      .openapi({ example: 'RUB' }),
  })
  .openapi('Money');

export const FieldErrorSchema = z.object({
  path: z.string().openapi({ example: 'body.price.amountMinor' }),
  message: z.string().openapi({ example: 'must be greater than 0' }),
});

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:eshop:problem:validation-failed' }),
    title: z.string().openapi({ example: 'Bad request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z
      .string()
      .openapi({ example: 'The request is invalid: body.price.amountMinor: must be greater than 0' }),
    code: z
      .string()
      .openapi({ example: 'VALIDATION_FAILED', description: 'Stable error code (core/errors/codes.ts)' }),
    instance: z.string().optional().openapi({ example: '/v1/items' }),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .passthrough()
  .openapi('Problem', { description: 'RFC 9457 problem details' });

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/**
 * Error responses for a route's OpenAPI definition, by status.
 *
 * @example
 * createRoute({ ..., responses: { 200: {...}, ...problems(400, 401, 404) } })
 */
export function problems(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid request (every bad field is listed in `errors`)',
    401: 'No access token, or an expired or invalid one',
    403: 'The caller may not do this',
    404: 'No such resource',
    409: 'Conflicts with what is stored',
    413: 'Body too large',
    415: 'Unsupported content type',
    429: 'Too many requests; see Retry-After',
    503: 'A store the API depends on is unavailable',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? 'Error', content: problemContent },
    ]),
  );
}

/** The security requirement of routes that need an access token. */
export const bearerAuth = [{ bearerAuth: [] }];

/** The `content` of a JSON request body or response in a route definition. */
export function jsonContent<T extends z.ZodType>(schema: T) {
  return { 'application/json': { schema } };
}

/** A required JSON request body in a route definition. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: jsonContent(schema), required: true as const };
}
