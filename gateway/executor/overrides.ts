import { createHash } from 'node:crypto';

/**
 * Progressive override: `@override(from: …, label: "percent(N)")` moves a field to the overriding
 * subgraph for N% of requests. Which requests: a stable hash of the client's session (the
 * `x-session-id` header, else the `cartId` variable, else `input.cartId`) and the label, so one
 * session (or cart) sees one side consistently; requests without a session draw at random.
 * Configuration can switch any label on or off, or give a percent label another percentage
 * (OVERRIDE_LABELS="percent(10)=on,beta=off,percent(25)=50").
 */
export type LabelSetting = boolean | number;

export const SESSION_HEADER = 'x-session-id';

export function overrideLabelsOf(supergraphSdl: string): string[] {
  return [...new Set([...supergraphSdl.matchAll(/overrideLabel:\s*"([^"]+)"/g)].map((m) => m[1]))].sort();
}

export function parseLabelSettings(text: string | undefined): Record<string, LabelSetting> {
  const out: Record<string, LabelSetting> = {};
  for (const part of (text ?? '').split(/,(?![^(]*\))/)) {
    const m = /^\s*(.+?)\s*=\s*(.+?)\s*$/.exec(part);
    if (!m) continue;
    const v = m[2].toLowerCase();
    if (['on', 'true', '1', 'yes'].includes(v)) out[m[1]] = true;
    else if (['off', 'false', '0', 'no'].includes(v)) out[m[1]] = false;
    else if (/^\d+(\.\d+)?$/.test(v) && Number(v) <= 100) out[m[1]] = Number(v);
    else throw new Error(`override label ${m[1]}: "${m[2]}" is not on, off or a percentage`);
  }
  return out;
}

/** 0 ≤ bucket < 100, stable for one (session, label). */
export function bucket(session: string, label: string): number {
  const h = createHash('sha256').update(label).update('\0').update(session).digest();
  return (h.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

export class OverrideDecider {
  constructor(readonly labels: string[], private readonly settings: Record<string, LabelSetting> = {}) {}

  /** The labels' state for one request, and a key for the plan cache. */
  decide(session: string | undefined, random: () => number = Math.random): { conditions: Map<string, boolean>; key: string } {
    const conditions = new Map<string, boolean>();
    if (!this.labels.length) return { conditions, key: '' };
    let key = '';
    for (const label of this.labels) {
      const setting = this.settings[label];
      let on: boolean;
      if (typeof setting === 'boolean') on = setting;
      else {
        const m = /^percent\((\d+(?:\.\d+)?)\)$/.exec(label);
        const percent = typeof setting === 'number' ? setting : m ? Number(m[1]) : 0;
        on = percent >= 100 ? true : percent <= 0 ? false : (session ? bucket(session, label) : random() * 100) < percent;
      }
      conditions.set(label, on);
      key += on ? '1' : '0';
    }
    return { conditions, key };
  }
}

/** The session a request belongs to, for sticky decisions. */
export function sessionOf(headers: { get(name: string): string | undefined | null } | undefined, variables: Record<string, unknown> | undefined): string | undefined {
  const header = headers?.get(SESSION_HEADER);
  if (header) return `s:${header.slice(0, 200)}`;
  const cartId = variables?.cartId ?? (variables?.input as { cartId?: unknown } | undefined)?.cartId;
  return typeof cartId === 'string' && cartId ? `c:${cartId}` : undefined;
}
