import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { recordChanges } from '../../../../common/events/outbox.ts';
import { SearchIndex } from './searchIndex.ts';
import { recordSearchChange } from './searchProjection.ts';

/** A product as designed: its texts per locale, brand, category, attributes and images. Its variants are products (SKUs). */
export interface FamilyRow {
  id: string;
  /** JSON object locale → title */
  titles: string;
  /** JSON object locale → description */
  descriptions: string;
  brand: string | null;
  category: string | null;
  /** JSON array of typed values */
  attributes: string;
  /** JSON array of URLs */
  images: string;
  updated_at: string | null;
}

export interface CategoryRow {
  code: string;
  parent: string | null;
  name: string;
  /** codes from the root down to this one, joined by "/" */
  path: string;
  updated_at: string | null;
}

/** A variant as the import writes it: the products row with its family and options. */
export interface VariantRow {
  sku: string;
  name: string;
  description: string | null;
  attributes: string;
  family_id: string | null;
  /** JSON array of { name, value } */
  options: string;
}

const FAMILY_COLUMNS = 'id, titles, descriptions, brand, category, attributes, images, updated_at';
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');
/** Rows per multi-row statement (well under either store's parameter limit). */
const ROWS_PER_STATEMENT = 200;

/** The rows with each key once, the last given of each (as upserting them one after another leaves it). */
function lastOf<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const last = new Map<string, T>();
  for (const r of rows) last.set(key(r), r);
  return last.size === rows.length ? [...rows] : [...last.values()];
}

/** Families, variants and categories: portable SQL (SQLite and PostgreSQL). */
export class FamilyRepository {
  readonly search: SearchIndex;

  constructor(private readonly db: Db) {
    this.search = new SearchIndex(db);
  }

  async families(ids: readonly string[]): Promise<FamilyRow[]> {
    if (ids.length === 0) return [];
    return this.db.all<FamilyRow>(`SELECT ${FAMILY_COLUMNS} FROM product_families WHERE id IN (${list(ids.length)})`, [...ids]);
  }

  /** SKUs of the families' variants, in SKU order. */
  async variantSkus(familyIds: readonly string[]): Promise<{ family_id: string; sku: string }[]> {
    if (familyIds.length === 0) return [];
    return this.db.all(`SELECT family_id, sku FROM products WHERE family_id IN (${list(familyIds.length)}) ORDER BY sku`, [...familyIds]);
  }

  async familyAndOptions(skus: readonly string[]): Promise<{ sku: string; family_id: string | null; options: string }[]> {
    if (skus.length === 0) return [];
    return this.db.all(`SELECT sku, family_id, options FROM products WHERE sku IN (${list(skus.length)})`, [...skus]);
  }

  categories(codes?: readonly string[], q: Queryable = this.db): Promise<CategoryRow[]> {
    if (!codes) return q.all<CategoryRow>('SELECT code, parent, name, path, updated_at FROM categories ORDER BY path');
    if (codes.length === 0) return Promise.resolve([]);
    return q.all<CategoryRow>(`SELECT code, parent, name, path, updated_at FROM categories WHERE code IN (${list(codes.length)})`, [...codes]);
  }

  children(code: string): Promise<CategoryRow[]> {
    return this.db.all<CategoryRow>('SELECT code, parent, name, path, updated_at FROM categories WHERE parent = ? ORDER BY code', [code]);
  }

  /**
   * Creates or moves categories in one transaction, in order (a parent before its children). A moved
   * category takes its subtree along: every descendant's path is rewritten.
   */
  async upsertCategories(rows: readonly CategoryRow[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      let moved = false;
      for (const c of rows) {
        const [before] = await this.categories([c.code], tx);
        await tx.run(
          `INSERT INTO categories (code, parent, name, path, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (code) DO UPDATE SET parent = excluded.parent, name = excluded.name, path = excluded.path, updated_at = excluded.updated_at`,
          [c.code, c.parent, c.name, c.path, c.updated_at],
        );
        if (before && before.path !== c.path) {
          moved = true;
          await tx.run('UPDATE categories SET path = ? || substr(path, ?) WHERE path LIKE ?', [c.path, before.path.length + 1, `${before.path}/%`]);
        }
      }
      // a moved category changes the paths search filters and counts by: the projection reads everything again
      if (moved) await recordSearchChange(tx, '*');
    });
  }

  /**
   * Writes families and variants (products rows) in one transaction; families first. A few hundred
   * rows a statement (on PostgreSQL each statement is a round trip: a bulk import writes hundreds of
   * thousands); the same id or SKU given twice: the later one wins, as two upserts in a row would.
   */
  async upsertVariants(familiesIn: readonly FamilyRow[], variantsIn: readonly VariantRow[]): Promise<void> {
    const families = lastOf(familiesIn, (f) => f.id);
    const variants = lastOf(variantsIn, (v) => v.sku);
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < families.length; i += ROWS_PER_STATEMENT) {
        const chunk = families.slice(i, i + ROWS_PER_STATEMENT);
        await tx.run(
          `INSERT INTO product_families (${FAMILY_COLUMNS}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT (id) DO UPDATE SET titles = excluded.titles, descriptions = excluded.descriptions, brand = excluded.brand,
             category = excluded.category, attributes = excluded.attributes, images = excluded.images, updated_at = excluded.updated_at`,
          chunk.flatMap((f) => [f.id, f.titles, f.descriptions, f.brand, f.category, f.attributes, f.images, f.updated_at]),
        );
      }
      for (let i = 0; i < variants.length; i += ROWS_PER_STATEMENT) {
        const chunk = variants.slice(i, i + ROWS_PER_STATEMENT);
        await tx.run(
          `INSERT INTO products (sku, name, description, attributes, family_id, options) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description, attributes = excluded.attributes,
             family_id = excluded.family_id, options = excluded.options`,
          chunk.flatMap((v) => [v.sku, v.name, v.description, v.attributes, v.family_id, v.options]),
        );
      }
      // the search index follows in the same transaction: the variants written and every variant of a changed family
      const skus = new Set(variants.map((v) => v.sku));
      if (families.length) {
        const ids = families.map((f) => f.id);
        for (const r of await tx.all<{ sku: string }>(`SELECT sku FROM products WHERE family_id IN (${list(ids.length)})`, ids)) skus.add(r.sku);
      }
      await this.search.index(tx, [...skus]);
      await recordSearchChange(tx, [...skus], true);
      // ProductChanged, one per SKU (coalesced with the one still waiting for the relay)
      const family = new Map(variants.map((v) => [v.sku, v.family_id]));
      const at = families[0]?.updated_at ?? new Date().toISOString();
      await recordChanges(tx, 'ProductChanged', at, [...skus].map((sku) => ({ aggregateId: sku, data: { sku, productId: family.get(sku) ?? null } })));
    });
  }
}
