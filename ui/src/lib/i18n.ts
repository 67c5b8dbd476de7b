/**
 * English and Khmer. Messages (in `i18n/`, one file per language) are plain functions of their
 * arguments, so plurals and word order stay with each language; numbers and dates go through Intl
 * and date-fns for the chosen language (Khmer digits and month names in Khmer).
 */
import type { RelationshipType } from '../../../api/src/domain/model.js';
import type { Language } from './url-state.js';
import { formatNumber } from './i18n/formats.js';
import { en, type Messages } from './i18n/en.js';
import { km } from './i18n/km.js';

export type { Messages };
export { formatDate, formatNumber } from './i18n/formats.js';

export const MESSAGES: Record<Language, Messages> = { en, km };

/** A figure as its source qualifies it: "over 142", "about 60", or just "125" when exact. */
export function formatFigure(value: number, qualifier: string | null | undefined, lang: Language): string {
  const word = qualifier ? MESSAGES[lang].dashboard.qualifiers[qualifier] : undefined;
  return word ? `${word} ${formatNumber(value, lang)}` : formatNumber(value, lang);
}

/** How a relationship kind reads in the language ("works for", "ធ្វើការឱ្យ"). */
export function relationshipLabel(t: Messages, type: string): string {
  return t.relationshipKinds[type as RelationshipType] ?? type;
}
