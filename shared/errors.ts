/**
 * Domain errors thrown by shared/ services. They know nothing of HTTP; shared/http/problem.ts maps each kind
 * to a status and an application/problem+json body in one place.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'validation'
    | 'unauthenticated'
    | 'forbidden'
    | 'not-found'
    | 'conflict'
    | 'precondition-failed'
    | 'precondition-required'
    | 'payload-too-large'
    | 'unsupported-media-type'
    | 'unprocessable'
    | 'rate-limited'
    | 'method-not-allowed'
    | 'unavailable'
    | 'gone'
    | 'bad-gateway'
    | 'gateway-timeout';
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(message: string, readonly fieldErrors: FieldError[] = []) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
}

/** An update came without the version it was based on (If-Match). */
export class PreconditionRequiredError extends DomainError {
  readonly kind = 'precondition-required';
}

export class PayloadTooLargeError extends DomainError {
  readonly kind = 'payload-too-large';
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than the ${limitBytes} bytes this endpoint accepts.`);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported-media-type';
}

/** The request is well-formed but its content cannot be processed (a corrupt or password-protected document). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate-limited';
  constructor(readonly retryAfterSeconds: number, detail?: string) {
    super(detail ?? `Too many requests. Try again in ${retryAfterSeconds} seconds.`);
  }
}

export class MethodNotAllowedError extends DomainError {
  readonly kind = 'method-not-allowed';
  constructor(readonly allowed: string[]) {
    super(`This endpoint accepts ${allowed.join(', ')}.`);
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable';
  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

/** An upstream service (the AI model, Document Intelligence) answered with something unusable. */
export class UpstreamError extends DomainError {
  readonly kind = 'bad-gateway';
}

/** An upstream service did not answer within the time we allow it. */
export class UpstreamTimeoutError extends DomainError {
  readonly kind = 'gateway-timeout';
}

/** The thing existed but is no longer usable (an expired or withdrawn invitation). */
export class GoneError extends DomainError {
  readonly kind = 'gone';
}
