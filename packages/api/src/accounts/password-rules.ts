import { passwordLimits } from '@parvis/contract';
import { ProblemError } from '../problem.js';

// The most common passwords of public breach lists that are at least 12 characters long (shorter
// ones are refused by length already). Compared lower-cased, spaces removed. NIST SP 800-63B asks
// for such a list instead of composition rules.
const common = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  '123123123123',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'azertyuiop12',
  'azertyuiop123',
  'azerty123456',
  'password1234',
  'password12345',
  'passwordpassword',
  'motdepasse12',
  'motdepasse123',
  'motdepasse1234',
  'iloveyou1234',
  'jetaime123456',
  'football1234',
  'soleil123456',
  'bonjour12345',
  'doudou123456',
  'marseille123',
  'administrator',
  'administrateur',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'abcdefghijkl',
  'abc123abc123',
  'aaaaaaaaaaaa',
  'parvisparvis',
  'parvis123456',
]);

/** Refuses passwords shorter than the minimum or among the most common ones (password_too_weak). */
export function checkNewPassword(password: string, email: string): void {
  const folded = password.toLowerCase().replace(/\s+/g, '');
  const local = email.toLowerCase().split('@')[0] ?? '';
  if ([...password].length < passwordLimits.minLength) {
    throw new ProblemError(
      422,
      'password_too_weak',
      `at least ${passwordLimits.minLength} characters`,
    );
  }
  if (
    common.has(folded) ||
    /^(.)\1+$/.test(folded) ||
    (local.length > 3 && folded.includes(local))
  ) {
    throw new ProblemError(
      422,
      'password_too_weak',
      'this password is too common or too easy to guess',
    );
  }
}
