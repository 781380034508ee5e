/** True when the database refused a write because of a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, number } = error as { code?: unknown; number?: unknown };
  // SQLite (better-sqlite3) and SQL Server (tedious RequestError: 2627 constraint, 2601 unique index)
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || number === 2627 || number === 2601;
}
