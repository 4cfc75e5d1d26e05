// Checks shared by every text a citizen writes: comment bodies, names, reports, free answers.

/** Characters counted as a user sees them: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

// C0 controls except tab and line feed, DEL, C1 controls, and the non-characters U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const forbiddenCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/u;
// Whitespace and invisible characters that make a text look empty.
export const invisible = /[\s\u200b-\u200d\u2060\ufeff\u00ad]/gu;

export function hasLoneSurrogate(text: string): boolean {
  // With the u flag a surrogate pair is one code point: only lone halves match.
  return /\p{Surrogate}/u.test(text);
}

/** Tidies a text before checking it: line breaks as \n, NFC, trimmed. Lone surrogates kept. */
export function tidyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n');
  return (hasLoneSurrogate(lines) ? lines : lines.normalize('NFC')).trim();
}

/** True when the text holds control characters, non-characters or broken Unicode. */
export function hasUnusableCharacter(text: string): boolean {
  return hasLoneSurrogate(text) || forbiddenCharacter.test(text);
}
