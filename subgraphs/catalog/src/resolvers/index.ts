import { DateTimeScalar, JSONScalar } from '../../../../common/scalars.ts';
import { Category } from './Category.ts';
import { Mutation } from './Mutation.ts';
import { ProductConnection } from './ProductConnection.ts';
import { ProductFamily } from './ProductFamily.ts';
import { PreviewDiff } from './PreviewDiff.ts';
import { PriceChange } from './PriceChange.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';

export const resolvers = { JSON: JSONScalar, DateTime: DateTimeScalar, Query, Mutation, Product, ProductConnection, ProductFamily, Category, PreviewDiff, PriceChange };
