/** What a candidate-data audit row records about the request besides who made it. */
export interface AuditContext {
  ipAddress: string;
}
