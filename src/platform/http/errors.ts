import type { MessageKey } from '../i18n/i18n.ts';

/**
 * The few ways a request can fail on purpose. Domain code and routes throw these; one
 * error handler turns them into a page or a JSON body, so no route writes error
 * responses by hand.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly fields?: Record<string, MessageKey>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError(404, 'not_found', 'errors.notFound');
export const unauthorized = () => new AppError(401, 'unauthorized', 'errors.unauthorized');
export const invalid = (fields: Record<string, MessageKey>, messageKey: MessageKey = 'errors.invalid') =>
  new AppError(400, 'invalid', messageKey, fields);
export const csrfFailed = () => new AppError(403, 'csrf', 'errors.csrf');
export const tooManyRequests = (messageKey: MessageKey = 'errors.tooMany') =>
  new AppError(429, 'too_many_requests', messageKey);
export const conflict = (messageKey: MessageKey) => new AppError(409, 'conflict', messageKey);
export const tooLarge = () => new AppError(413, 'too_large', 'errors.tooLarge');

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
