/** Months since January 2022, the start of the network's recorded history, for the time slider. */
export const TIME_START = { year: 2022, month: 1 };

export function monthsSince(start: { year: number; month: number }, date: Date): number {
  return (date.getUTCFullYear() - start.year) * 12 + (date.getUTCMonth() + 1 - start.month);
}

/** The slider position of an ISO date. */
export function monthIndex(iso: string): number {
  const [year, month] = iso.split('-').map(Number);
  return Math.max(0, (year! - TIME_START.year) * 12 + (month! - TIME_START.month));
}

/** The last day of the month at a slider position, as an ISO date. */
export function monthEnd(index: number): string {
  const year = TIME_START.year + Math.floor((TIME_START.month - 1 + index) / 12);
  const month = ((TIME_START.month - 1 + index) % 12) + 1;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
