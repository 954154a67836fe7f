import { MoneyError, parseMinor } from '../../../../../common/money.ts';
import type { NonApplicableReason } from '../evaluation.ts';

/**
 * The subset of the commercetools cart predicate language the legacy engine understands:
 *
 *   predicate := "true" | clause ( "and" clause )*
 *   clause    := "totalPrice" op money
 *              | "lineItemExists" "(" "sku" "in" "(" strings ")" ")"
 *              | "lineItemCount" "(" "sku" "in" "(" strings ")" ")" op integer
 *   op        := ">=" | ">" | "<=" | "<" | "=" | "!="
 *   money     := a string "50.00 EUR"        strings := string ( "," string )*
 *
 * Keywords are case-insensitive; strings use double quotes. `totalPrice` is the cart's subtotal before
 * any discount (Σ unit price × quantity), compared in the cart's currency: a money in another currency
 * never matches. `lineItemCount` counts units (Σ quantity) of the matching lines.
 */
export type Op = '>=' | '>' | '<=' | '<' | '=' | '!=';

export type Clause =
  | { kind: 'totalPrice'; op: Op; amount: string; currencyCode: string }
  | { kind: 'lineItemExists'; skus: string[] }
  | { kind: 'lineItemCount'; skus: string[]; op: Op; count: number };

export interface Predicate {
  source: string;
  clauses: Clause[];
}

export class PredicateError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = 'PredicateError';
  }
}

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'punct'; text: string; pos: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new PredicateError('Unterminated string', i);
      tokens.push({ kind: 'string', text: src.slice(i + 1, end), pos: i });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      tokens.push({ kind: 'word', text: m[0], pos: i });
      i += m[0].length;
    } else if (/\d/.test(ch)) {
      const m = /^\d+/.exec(src.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], pos: i });
      i += m[0].length;
    } else if ('<>=!'.includes(ch)) {
      const two = src.slice(i, i + 2);
      const op = ['>=', '<=', '!='].includes(two) ? two : ch;
      if (op === '!') throw new PredicateError('Unexpected "!"', i);
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    } else if ('(),'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, pos: i });
      i++;
    } else {
      throw new PredicateError(`Unexpected character "${ch}"`, i);
    }
  }
  return tokens;
}

/** Parses a predicate; throws PredicateError (with the position) when it is not in the supported subset. */
export function parsePredicate(source: string): Predicate {
  const tokens = tokenize(source);
  let k = 0;
  const end = source.length;
  const peek = () => tokens[k];
  const describe = (t: Token | undefined) => (t ? `"${t.text}"` : 'end of predicate');
  const expectWord = (word: string) => {
    const t = tokens[k];
    if (t?.kind !== 'word' || t.text.toLowerCase() !== word.toLowerCase()) throw new PredicateError(`Expected ${word}, found ${describe(t)}`, t?.pos ?? end);
    k++;
  };
  const expectPunct = (p: string) => {
    const t = tokens[k];
    if (t?.kind !== 'punct' || t.text !== p) throw new PredicateError(`Expected "${p}", found ${describe(t)}`, t?.pos ?? end);
    k++;
  };
  const op = (): Op => {
    const t = tokens[k];
    if (t?.kind !== 'op') throw new PredicateError(`Expected a comparison (>=, >, <=, <, =, !=), found ${describe(t)}`, t?.pos ?? end);
    k++;
    return t.text as Op;
  };
  const skuIn = (): string[] => {
    expectPunct('(');
    expectWord('sku');
    expectWord('in');
    expectPunct('(');
    const skus: string[] = [];
    for (;;) {
      const t = tokens[k];
      if (t?.kind !== 'string' || !t.text.trim()) throw new PredicateError(`Expected a SKU string, found ${describe(t)}`, t?.pos ?? end);
      skus.push(t.text);
      k++;
      if (peek()?.kind === 'punct' && peek().text === ',') {
        k++;
        continue;
      }
      break;
    }
    expectPunct(')');
    expectPunct(')');
    return skus;
  };
  const clause = (): Clause => {
    const t = tokens[k];
    const name = t?.kind === 'word' ? t.text : '';
    k++;
    if (name === 'totalPrice') {
      const o = op();
      const m = tokens[k];
      const parts = m?.kind === 'string' ? /^\s*(\d{1,13}(?:\.\d{1,4})?)\s+([A-Z]{3})\s*$/.exec(m.text) : null;
      if (!parts) throw new PredicateError(`Expected a money such as "50.00 EUR", found ${describe(m)}`, m?.pos ?? end);
      k++;
      try {
        parseMinor(parts[1], parts[2]);
      } catch (e) {
        throw new PredicateError(`Invalid money "${m.text}": ${(e as MoneyError).message}`, m.pos);
      }
      return { kind: 'totalPrice', op: o, amount: parts[1], currencyCode: parts[2] };
    }
    if (name === 'lineItemExists') return { kind: 'lineItemExists', skus: skuIn() };
    if (name === 'lineItemCount') {
      const skus = skuIn();
      const o = op();
      const n = tokens[k];
      if (n?.kind !== 'number') throw new PredicateError(`Expected an integer, found ${describe(n)}`, n?.pos ?? end);
      k++;
      return { kind: 'lineItemCount', skus, op: o, count: Number(n.text) };
    }
    throw new PredicateError(`Unsupported predicate ${describe(t)} (supported: totalPrice, lineItemExists, lineItemCount, true)`, t?.pos ?? end);
  };

  if (tokens.length === 1 && tokens[0].kind === 'word' && tokens[0].text === 'true') return { source, clauses: [] };
  if (tokens.length === 0) throw new PredicateError('Empty predicate (use "true" for every cart)', 0);
  const clauses = [clause()];
  while (k < tokens.length) {
    const t = tokens[k];
    if (t.kind !== 'word' || t.text.toLowerCase() !== 'and') {
      throw new PredicateError(`Expected "and", found ${describe(t)}${t.kind === 'word' && t.text.toLowerCase() === 'or' ? ' ("or" is not supported)' : ''}`, t.pos);
    }
    k++;
    clauses.push(clause());
  }
  return { source, clauses };
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}

export interface PredicateCart {
  currencyCode: string;
  subtotalMinor: number;
  lines: { sku: string; quantity: number }[];
}

export type PredicateOutcome = { ok: true } | { ok: false; reason: NonApplicableReason; message: string };

/** Evaluates the clauses in order; the first that fails gives the reason. */
export function evaluatePredicate(p: Predicate, cart: PredicateCart): PredicateOutcome {
  for (const c of p.clauses) {
    if (c.kind === 'totalPrice') {
      const ok = c.currencyCode === cart.currencyCode && compare(cart.subtotalMinor, c.op, parseMinor(c.amount, c.currencyCode));
      if (!ok) {
        return {
          ok: false,
          reason: 'MIN_SUBTOTAL_NOT_REACHED',
          message: c.op === '>=' || c.op === '>' ? `Your cart needs a total of at least ${c.amount} ${c.currencyCode} for this code.` : 'This code cannot be used with this cart.',
        };
      }
    } else {
      const skus = new Set(c.skus);
      const units = cart.lines.filter((l) => skus.has(l.sku)).reduce((s, l) => s + l.quantity, 0);
      const ok = c.kind === 'lineItemExists' ? units > 0 : compare(units, c.op, c.count);
      if (!ok) return { ok: false, reason: 'NO_QUALIFYING_ITEMS', message: 'Your cart does not hold the products this code is for.' };
    }
  }
  return { ok: true };
}
