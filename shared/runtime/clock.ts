/**
 * The time as the services see it. The composition root passes the wall clock; time-travel tests pass their own, so
 * promises measured in days (a deletion request within 30 days) are checked without waiting for them.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
