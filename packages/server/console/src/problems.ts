import { ConsoleProblem } from './api.js';
import { t, type MessageKey } from './i18n.js';

const known = new Set([
  'password_too_weak',
  'account_exists',
  'organisation_exists',
  'organisation_not_found',
  'validation_failed',
]);

/** A form's failure in the person's language. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof ConsoleProblem) || error.code === 'network') return t('error.network');
  if (error.code === 'forbidden') return t('error.forbidden');
  if (known.has(error.code)) {
    return t(`problem.${error.code}` as MessageKey, { detail: error.detail });
  }
  return t('error.server', { code: error.code });
}
