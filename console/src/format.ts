/** Display helpers shared by the screens. */
export const money = (m: { amount: string; currencyCode: string } | null | undefined): string => (m ? `${m.amount} ${m.currencyCode}` : '—');

export const instant = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '—');

/** A `datetime-local` value (read as UTC) → ISO instant, or null when empty. */
export function isoFromLocal(value: string): string | null {
  if (!value) return null;
  const d = new Date(`${value}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** ISO instant → `datetime-local` value (UTC). */
export const localFromIso = (iso: string | null | undefined): string => (iso ? iso.slice(0, 16) : '');

export const json = (v: unknown): string => (v === undefined || v === null ? '' : JSON.stringify(v));

/** Comma or whitespace separated words, trimmed, empty ones dropped. */
export const words = (text: string): string[] => text.split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);
