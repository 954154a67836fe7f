import type { Clock } from '../../../../common/clock.ts';
import { json, list, text, type Row } from '../../../../common/import/fields.ts';
import { refuse, type Importer, type Refused } from '../../../../common/import/runner.ts';
import type { CategoryRow, FamilyRepository, FamilyRow, VariantRow } from '../data/familyRepository.ts';
import { SKU_PATTERN } from './importers.ts';

/**
 * Products with variants and the category tree, as merchants move them: one row per variant (SKU).
 * A row with `product` (the product's id) and a `title` defines the product (titles and descriptions
 * per locale, brand, category, attributes, images); further rows of the same product may give only
 * `sku`, `product` and `options`. A row without `product` is a product of one variant, as before.
 */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const OPTION_NAME = /^[a-z][a-z0-9_-]{0,39}$/;
const TYPE_PATTERN = /^[a-z][a-z0-9-]*\/v\d+$/;
const MAX_TEXT = 10_000;

/** A per-locale text: an object { en: "…", de: "…" } (NDJSON), columns title.en, title.de (CSV), or one text (locale "en"). */
export function localized(row: Row, name: string): Record<string, string> | 'invalid' | undefined {
  const out: Record<string, string> = Object.create(null);
  const whole = row[name];
  if (typeof whole === 'object' && whole !== null && !Array.isArray(whole)) {
    for (const [locale, value] of Object.entries(whole)) {
      if (!LOCALE_PATTERN.test(locale) || typeof value !== 'string' || !value.trim() || value.length > MAX_TEXT) return 'invalid';
      out[locale] = value.trim();
    }
  } else if (whole !== undefined && whole !== null && whole !== '') {
    if (typeof whole !== 'string' || !whole.trim() || whole.length > MAX_TEXT) return 'invalid';
    out.en = whole.trim();
  }
  for (const key of Object.keys(row)) {
    if (!key.startsWith(`${name}.`)) continue;
    const locale = key.slice(name.length + 1);
    const value = text(row, key);
    if (value === undefined) continue;
    if (!LOCALE_PATTERN.test(locale) || value.length > MAX_TEXT) return 'invalid';
    out[locale] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Options of a variant: { size: "42" } or [{ name, value }] (NDJSON), "size=42|color=black" (CSV). */
export function options(row: Row): { name: string; value: string }[] | 'invalid' {
  const v = row.options;
  let pairs: [string, unknown][];
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) pairs = v.map((o) => [String((o as { name?: unknown })?.name), (o as { value?: unknown })?.value]);
  else if (typeof v === 'object') pairs = Object.entries(v);
  else if (typeof v === 'string') pairs = v.split('|').map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).trim()]);
  else return 'invalid';
  if (pairs.length > 10) return 'invalid';
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const [name, value] of pairs) {
    if (!OPTION_NAME.test(name) || typeof value !== 'string' || !value || value.length > 100 || seen.has(name)) return 'invalid';
    seen.add(name);
    out.push({ name, value });
  }
  return out;
}

/** The title in a locale: that one, else English, else the first given. */
export function titleIn(titles: Record<string, string>, locale?: string | null): string {
  if (locale) {
    if (titles[locale]) return titles[locale];
    const language = locale.split('-')[0];
    const same = Object.keys(titles).find((l) => l.split('-')[0] === language);
    if (same) return titles[same];
  }
  return titles.en ?? Object.values(titles)[0] ?? '';
}

export function categoryImporter(repo: FamilyRepository, clock: Clock): Importer<CategoryRow> {
  return {
    kind: 'categories',
    key: (row) => text(row, 'code') ?? null,
    async check(rows) {
      const at = clock.now().toISOString();
      const codes = new Set<string>();
      for (const r of rows) for (const c of [text(r, 'code'), text(r, 'parent')]) if (c) codes.add(c);
      const known = new Map((await repo.categories([...codes])).map((c) => [c.code, c]));
      const out: (CategoryRow | Refused)[] = [];
      for (const row of rows) {
        const code = text(row, 'code');
        const parent = text(row, 'parent') ?? null;
        const name = text(row, 'name');
        if (!code || !CODE_PATTERN.test(code)) out.push(refuse('INVALID_CATEGORY_CODE code: lower-case letters, digits and -, 1 to 64.'));
        else if (!name || name.length > 200) out.push(refuse('INVALID_NAME name: 1 to 200 characters.'));
        else if (parent !== null && !known.has(parent)) out.push(refuse(`CATEGORY_UNKNOWN parent: there is no category ${parent} (a parent comes before its children).`));
        else {
          const parentPath = parent === null ? null : known.get(parent)!.path;
          if (parent === code || (parentPath !== null && parentPath.split('/').includes(code))) {
            out.push(refuse(`CATEGORY_CYCLE parent: ${code} cannot be placed under ${parent}, which is ${parent === code ? 'itself' : 'one of its own subcategories'}.`));
            continue;
          }
          const valid: CategoryRow = { code, parent, name, path: parentPath === null ? code : `${parentPath}/${code}`, updated_at: at };
          known.set(code, valid); // later rows of the file may name it as their parent
          out.push(valid);
        }
      }
      return out;
    },
    write: (values) => repo.upsertCategories(values),
  };
}

interface VariantValue {
  family: FamilyRow | null;
  variant: VariantRow;
}

export function variantImporter(repo: FamilyRepository, clock: Clock): Importer<VariantValue> {
  /** families defined by earlier rows of this run (their rows may not be written yet) */
  const defined = new Map<string, FamilyRow>();
  return {
    kind: 'products',
    key: (row) => text(row, 'sku') ?? null,
    async check(rows) {
      const at = clock.now().toISOString();
      const ids = [...new Set(rows.map((r) => text(r, 'product')).filter((s): s is string => !!s && !defined.has(s)))];
      for (const f of await repo.families(ids)) defined.set(f.id, f);
      const categoryCodes = [...new Set(rows.map((r) => text(r, 'category')).filter((s): s is string => !!s))];
      const categories = new Set((await repo.categories(categoryCodes)).map((c) => c.code));
      return rows.map((row) => checkVariant(row, at, defined, categories));
    },
    async write(values) {
      const families = new Map<string, FamilyRow>();
      for (const v of values) if (v.family) families.set(v.family.id, v.family);
      await repo.upsertVariants([...families.values()], values.map((v) => v.variant));
    },
  };
}

function checkVariant(row: Row, at: string, defined: Map<string, FamilyRow>, categories: Set<string>): VariantValue | Refused {
  const sku = text(row, 'sku');
  if (!sku || !SKU_PATTERN.test(sku)) return refuse('INVALID_SKU sku: letters, digits, ".", "_" and "-", 1 to 64, starting with a letter or digit.');
  const opts = options(row);
  if (opts === 'invalid') return refuse('INVALID_OPTIONS options: up to 10 name=value pairs ("size=42|color=black" in CSV), names in lower case.');
  const productId = text(row, 'product');
  const named = localized(row, 'title');
  const titles = named === undefined ? localized(row, 'name') : named;
  const descriptions = localized(row, 'description');
  if (titles === 'invalid') return refuse('INVALID_TITLE title: a text, or texts per locale (title.en, title.de …), each at most 10,000 characters.');
  if (descriptions === 'invalid') return refuse('INVALID_DESCRIPTION description: a text, or texts per locale (description.en …).');
  let family: FamilyRow | null = null;
  if (productId !== undefined) {
    if (!CODE_PATTERN.test(productId)) return refuse('INVALID_PRODUCT_ID product: lower-case letters, digits and -, 1 to 64.');
    if (titles) {
      const category = text(row, 'category') ?? null;
      if (category !== null && !categories.has(category)) return refuse(`CATEGORY_UNKNOWN category: there is no category ${category}.`);
      const attributes = json(row, 'attributes') ?? [];
      if (!Array.isArray(attributes) || !attributes.every((a) => typeof a === 'object' && a !== null && !Array.isArray(a) && typeof a.type === 'string' && TYPE_PATTERN.test(a.type))) {
        return refuse('INVALID_ATTRIBUTES attributes: a JSON array of typed values such as {"type":"material/v1","data":{"name":"merino"}}.');
      }
      const images = list(row, 'images') ?? [];
      if (images === 'invalid' || images.length > 20 || !images.every((u) => /^https?:\/\/\S{1,2000}$/.test(u))) return refuse('INVALID_IMAGES images: up to 20 http(s) URLs ("url1|url2" in CSV).');
      const brand = text(row, 'brand') ?? null;
      if (brand !== null && brand.length > 200) return refuse('INVALID_BRAND brand: at most 200 characters.');
      family = {
        id: productId,
        titles: JSON.stringify(titles),
        descriptions: JSON.stringify(descriptions ?? {}),
        brand,
        category,
        attributes: JSON.stringify(attributes.map((a: { type: string; data?: unknown }) => ({ type: a.type, data: a.data ?? null }))),
        images: JSON.stringify(images),
        updated_at: at,
      };
      defined.set(productId, family);
    } else if (!defined.has(productId)) {
      return refuse(`VARIANT_WITHOUT_PRODUCT product: there is no product ${productId}; its first row gives its title.`);
    }
    const f = family ?? defined.get(productId)!;
    const title = titleIn(JSON.parse(f.titles) as Record<string, string>);
    const name = opts.length ? `${title} (${opts.map((o) => o.value).join(', ')})` : title;
    const description = titleIn(JSON.parse(f.descriptions) as Record<string, string>) || null;
    // a variant's own typed attributes when the row gives them (and does not define the product), else the product's
    const own = family ? null : json(row, 'attributes');
    if (own !== undefined && own !== null && (!Array.isArray(own) || !own.every((a) => typeof a === 'object' && a !== null && typeof a.type === 'string' && TYPE_PATTERN.test(a.type)))) {
      return refuse('INVALID_ATTRIBUTES attributes: a JSON array of typed values.');
    }
    const attributes = own ? JSON.stringify(own) : f.attributes;
    return { family, variant: { sku, name: name.slice(0, 400), description, attributes, family_id: productId, options: JSON.stringify(opts) } };
  }
  // a product of one variant (no product id): its name is its title
  if (!titles) return refuse('MISSING_FIELD title: a product needs a title (or name).');
  const attributes = json(row, 'attributes') ?? [];
  if (!Array.isArray(attributes) || !attributes.every((a) => typeof a === 'object' && a !== null && typeof a.type === 'string' && TYPE_PATTERN.test(a.type))) {
    return refuse('INVALID_ATTRIBUTES attributes: a JSON array of typed values such as {"type":"color/v1","data":{"name":"black"}}.');
  }
  return {
    family: null,
    variant: { sku, name: titleIn(titles).slice(0, 400), description: descriptions ? titleIn(descriptions) : null, attributes: JSON.stringify(attributes), family_id: null, options: JSON.stringify(opts) },
  };
}
