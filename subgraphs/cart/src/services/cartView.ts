/** The cart as services and resolvers see it (the mapper type of Cart in codegen.yml). */
export interface TypedValue {
  type: string;
  data: unknown;
}

export type StockState = 'OK' | 'LOW' | 'OUT' | 'UNKNOWN';

export interface CartLineView {
  id: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  currencyCode: string;
  attributes: TypedValue[];
  stockState: StockState;
  market: string;
  location: string | null;
}

export interface CartWarningView {
  id: string;
  code: string;
  message: string;
  lineId: string | null;
  createdAt: string;
}

/** What the cart remembers of the last promotion evaluation, to tell changes it did not cause. */
export interface PromotionSnapshot {
  unavailable: boolean;
  /** key (campaign id, or line id + campaign id) → amount in minor units */
  discounts: Record<string, { name: string; amount: number }>;
  appliedCodes: string[];
  /** the selected shipping method as last seen: its price, or null when it was not available */
  shipping?: { code: string; location: string | null; priceMinor: number | null } | null;
}

/** The shipping method the customer selected (a method code; the store for click-and-collect). */
export interface ShippingSelection {
  code: string;
  location: string | null;
}

export interface CartView {
  id: string;
  version: number;
  market: string;
  channel: string;
  currencyCode: string;
  location: string | null;
  /** the customer's opaque id from the shop's identity system (no personal data); null for a guest */
  customerId: string | null;
  status: 'ACTIVE' | 'ORDERED';
  discountCodes: string[];
  lines: CartLineView[];
  warnings: CartWarningView[];
  shippingAddress: TypedValue | null;
  shippingMethod: ShippingSelection | null;
  promotionSnapshot: PromotionSnapshot | null;
  orderId: string | null;
  createdAt: string;
  updatedAt: string;
}
