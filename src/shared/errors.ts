/**
 * Errors that reach a user. Messages are Simplified Chinese and say what to do.
 * The CLI maps InputError to exit code 2 and everything else to 1.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A feature exists in the CLI but is not usable in this build or this configuration. */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}
