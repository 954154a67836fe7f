import { DateTimeScalar, JSONScalar } from '../../../../common/scalars.ts';
import { Mutation } from './Mutation.ts';
import { PreviewDiff } from './PreviewDiff.ts';
import { PriceChange } from './PriceChange.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';

export const resolvers = { JSON: JSONScalar, DateTime: DateTimeScalar, Query, Mutation, Product, PreviewDiff, PriceChange };
