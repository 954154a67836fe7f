/**
 * Demo data shared by the services' seeds (each service seeds only its own tables from it).
 * Deterministic, so the README's examples and tests can name SKUs and codes. Markets are not here:
 * they are the catalog's data, and every other service learns them through the graph.
 */
export interface DemoProduct {
  sku: string;
  name: string;
  /** base price in EUR cents; other markets derive from it */
  baseCents: number;
  color: string;
  size: string;
  material: string;
}

const KINDS = ['Trail Runner Shoe', 'Merino T-Shirt', 'Rain Jacket', 'Wool Beanie', 'Canvas Backpack', 'Hiking Sock', 'Fleece Hoodie', 'Travel Mug', 'Water Bottle', 'Cap', 'Down Vest', 'Chino Trousers'];
const COLORS = ['black', 'navy', 'forest', 'sand', 'red'];
const MATERIALS = ['cotton', 'merino', 'polyester', 'steel', 'canvas'];
const SIZES = ['S', 'M', 'L', 'XL', 'one-size'];

/** 60 products SKU-1001 … SKU-1060. */
export const DEMO_PRODUCTS: DemoProduct[] = Array.from({ length: 60 }, (_, i) => {
  const kind = KINDS[i % KINDS.length];
  const color = COLORS[Math.floor(i / KINDS.length) % COLORS.length];
  return {
    sku: `SKU-${1001 + i}`,
    name: `${kind} (${color})`,
    baseCents: 999 + ((i * 1373) % 12000),
    color,
    size: SIZES[i % SIZES.length],
    material: MATERIALS[i % MATERIALS.length],
  };
});

/** Price of a demo product in a market, in minor units of the market's currency. */
export function demoPriceMinor(p: DemoProduct, market: string): number {
  const round99 = (cents: number) => Math.max(99, Math.round(cents / 100) * 100 - 1);
  switch (market) {
    case 'DE':
      return p.baseCents;
    case 'FR':
      return round99(p.baseCents * 1.02);
    case 'GB':
      return round99(p.baseCents * 0.86);
    case 'US':
      return round99(p.baseCents * 1.08);
    case 'JP':
      return Math.round((p.baseCents * 160) / 100 / 10) * 10; // whole yen
    default:
      throw new Error(`no demo price for market ${market}`);
  }
}

export interface DemoLocation {
  id: string;
  name: string;
  type: 'WAREHOUSE' | 'STORE';
  markets: string[];
}

export const DEMO_LOCATIONS: DemoLocation[] = [
  { id: 'wh-eu', name: 'Warehouse Leipzig', type: 'WAREHOUSE', markets: ['DE', 'FR', 'GB'] },
  { id: 'wh-us', name: 'Warehouse New Jersey', type: 'WAREHOUSE', markets: ['US', 'JP'] },
  { id: 'store-berlin-1', name: 'Store Berlin Mitte', type: 'STORE', markets: ['DE'] },
];

/** Stock on hand per SKU and location. SKU-1058 has 1 unit, SKU-1059 3, SKU-1060 none. */
export function demoStock(sku: string, location: string): number {
  const n = Number(sku.slice(4)) - 1000;
  if (sku === 'SKU-1060') return 0;
  if (sku === 'SKU-1059') return location === 'wh-eu' ? 3 : 0;
  if (sku === 'SKU-1058') return location === 'wh-eu' ? 1 : 0;
  if (location === 'store-berlin-1') return 5 + (n % 7);
  if (location === 'wh-us') return 40 + ((n * 7) % 60);
  return 50 + ((n * 13) % 150);
}

/** The demo API keys per channel, printed by `npm start` and documented in the README. */
export const DEMO_KEYS = [
  { id: 'demo:web', key: 'demo-web-key', channel: 'web', scopes: ['storefront'], markets: [] as string[], locations: [] as string[] },
  { id: 'demo:pos', key: 'demo-pos-key', channel: 'pos', scopes: ['storefront', 'pos'], markets: [] as string[], locations: ['store-berlin-1'] },
  { id: 'demo:kiosk', key: 'demo-kiosk-key', channel: 'kiosk', scopes: ['storefront'], markets: [] as string[], locations: [] as string[] },
  { id: 'demo:in-game', key: 'demo-ingame-key', channel: 'in-game', scopes: ['storefront'], markets: [] as string[], locations: [] as string[] },
  { id: 'demo:marketing', key: 'demo-marketing-key', channel: 'marketing', scopes: ['marketing', 'catalog:write'], markets: ['*'], locations: [] as string[] },
  { id: 'demo:marketing-de', key: 'demo-marketing-de-key', channel: 'marketing', scopes: ['marketing'], markets: ['DE'], locations: [] as string[] },
  { id: 'demo:operations', key: 'demo-operations-key', channel: 'operations', scopes: ['operations', 'marketing', 'catalog:write', 'pos', 'preview'], markets: ['*'], locations: ['*'] },
];
