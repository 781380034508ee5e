import { z } from 'zod';
import { decodeCursor } from '../db/pagination';
import { ValidationError } from '../errors';

const CreatedAtPosition = z.object({ value: z.iso.datetime(), id: z.uuid() });

/** A cursor of a newest-first list, checked so a forged one is a 400 and never reaches the database. */
export function createdAtPosition(cursor: string | undefined): { created_at: string; id: string } | null {
  const position = decodeCursor(cursor);
  if (!position) return null;
  const parsed = CreatedAtPosition.safeParse(position);
  if (!parsed.success) throw invalidCursor();
  return { created_at: parsed.data.value, id: parsed.data.id };
}

export function invalidCursor(): ValidationError {
  return new ValidationError('The cursor is not one this API issued.', [{ path: 'cursor', message: 'invalid cursor' }]);
}
