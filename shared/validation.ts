import type { z } from 'zod';
import { ValidationError, type FieldError } from './errors';

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Parses untrusted input with its schema or throws a ValidationError with one entry per bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(`The ${what} is invalid.`, toFieldErrors(result.error));
  return result.data;
}
