/** Numbers and dates as each language reads them: Intl for grouping, date-fns for month names. */
import { format, type Locale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { km as khmerDates } from 'date-fns/locale/km';
import type { Language } from '../url-state.js';

const LOCALE: Record<Language, string> = { en: 'en-GB', km: 'km-KH' };

/**
 * Khmer digits. Not every browser's ICU data has the `khmr` numbering system (Chromium's does
 * not), so digits are mapped here after Intl has grouped and rounded.
 */
const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';
const inScript = (text: string, lang: Language) => (lang === 'km' ? text.replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)]!) : text);

export function formatNumber(value: number, lang: Language, digits = 0): string {
  return inScript(new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(value), lang);
}

/** Dates through date-fns and its own locale data (Khmer month names do not depend on the browser). */
const DATE_LOCALE: Record<Language, Locale> = { en: enGB, km: khmerDates };

/** An ISO date (or its year, or year-month) for reading in the language. */
export function formatDate(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  if (!month) return formatNumber(year!, lang).replace(/[,.\s]/g, '');
  const date = new Date(year!, month - 1, day ?? 1);
  const pattern = day ? (lang === 'km' ? 'd MMMM yyyy' : 'd MMM yyyy') : 'LLLL yyyy';
  return inScript(format(date, pattern, { locale: DATE_LOCALE[lang] }), lang);
}
