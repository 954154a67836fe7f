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
  promotionSnapshot: PromotionSnapshot | null;
  orderId: string | null;
  createdAt: string;
  updatedAt: string;
}
