import { z } from 'zod';
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

// C0 controls (NUL included), DEL and C1 controls: invisible, they break exports, logs and the screens that show them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same, less tab and line breaks (\t \n \r), which text of several lines may hold.
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_PARAGRAPHS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Free text of one line (names, titles, labels). Chain the rest after it (`.trim().min(1).max(200)`, or
 * `.check(z.url())`, which would silently drop line breaks): the check sees the text as sent.
 */
export function singleLineText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine((v) => !CONTROL.test(v), 'Control characters and line breaks are not allowed here.');
}

/** Free text of several lines (descriptions, reasons, answers): line breaks and tabs, no other control character. */
export function multiLineText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine((v) => !CONTROL_IN_PARAGRAPHS.test(v), 'Control characters other than line breaks and tabs are not allowed.');
}
