import { XentError } from '../../core/XentError.js';

/**
 * Decompression found input that is not a valid xent container: wrong magic, unknown
 * version, damaged header, truncated or inconsistent payload, or a CRC-32 mismatch.
 * The message reads `corrupt input (<what was found>)`.
 */
export class CorruptInputError extends XentError {
  constructor(detail: string) {
    super('corrupt input', { field: detail });
    this.name = 'CorruptInputError';
  }
}
