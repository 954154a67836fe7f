import DataLoader from 'dataloader';
import type { CategoryRow, FamilyRepository } from '../data/familyRepository.ts';
import type { TypedValue } from './catalogService.ts';
import { titleIn } from '../import/variants.ts';

export interface FamilyRecord {
  id: string;
  titles: Record<string, string>;
  descriptions: Record<string, string>;
  brand: string | null;
  category: string | null;
  attributes: TypedValue[];
  images: string[];
}

export interface CategoryRecord {
  code: string;
  parent: string | null;
  name: string;
  path: string;
}

const toCategory = (r: CategoryRow): CategoryRecord => ({ code: r.code, parent: r.parent, name: r.name, path: r.path });

/** Product families and the category tree, read through per-request loaders. */
export class FamilyService {
  private readonly family: DataLoader<string, FamilyRecord | null>;
  private readonly variants: DataLoader<string, string[]>;
  private tree: Promise<Map<string, CategoryRecord>> | null = null;

  constructor(private readonly repo: FamilyRepository) {
    this.family = new DataLoader(async (ids) => {
      const rows = new Map((await repo.families(ids)).map((f) => [f.id, f]));
      return ids.map((id) => {
        const f = rows.get(id);
        if (!f) return null;
        return {
          id: f.id,
          titles: JSON.parse(f.titles) as Record<string, string>,
          descriptions: JSON.parse(f.descriptions) as Record<string, string>,
          brand: f.brand,
          category: f.category,
          attributes: JSON.parse(f.attributes) as TypedValue[],
          images: JSON.parse(f.images) as string[],
        };
      });
    });
    this.variants = new DataLoader(async (ids) => {
      const rows = await repo.variantSkus(ids);
      return ids.map((id) => rows.filter((r) => r.family_id === id).map((r) => r.sku));
    });
  }

  get repository(): FamilyRepository {
    return this.repo;
  }

  /** A category read again after a write in this request. */
  async categoryFresh(code: string): Promise<CategoryRecord | null> {
    this.tree = null;
    return this.category(code);
  }

  get(id: string): Promise<FamilyRecord | null> {
    return this.family.load(id);
  }

  variantSkus(id: string): Promise<string[]> {
    return this.variants.load(id);
  }

  title(family: FamilyRecord, locale?: string | null): string {
    return titleIn(family.titles, locale);
  }

  description(family: FamilyRecord, locale?: string | null): string | null {
    return titleIn(family.descriptions, locale) || null;
  }

  /** Every category by code (one read per request; the tree is small next to the catalog). */
  private categoriesByCode(): Promise<Map<string, CategoryRecord>> {
    this.tree ??= this.repo.categories().then((rows) => new Map(rows.map((r) => [r.code, toCategory(r)])));
    return this.tree;
  }

  async category(code: string | null): Promise<CategoryRecord | null> {
    return code === null ? null : ((await this.categoriesByCode()).get(code) ?? null);
  }

  async roots(): Promise<CategoryRecord[]> {
    return [...(await this.categoriesByCode()).values()].filter((c) => c.parent === null);
  }

  async children(code: string): Promise<CategoryRecord[]> {
    return [...(await this.categoriesByCode()).values()].filter((c) => c.parent === code).sort((a, b) => (a.code < b.code ? -1 : 1));
  }

  async ancestors(category: CategoryRecord): Promise<CategoryRecord[]> {
    const all = await this.categoriesByCode();
    return category.path.split('/').map((c) => all.get(c)).filter((c): c is CategoryRecord => !!c);
  }
}
