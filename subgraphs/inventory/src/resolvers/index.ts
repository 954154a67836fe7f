import { DateTimeScalar } from '../../../../common/scalars.ts';
import { CartLine } from './CartLine.ts';
import { Mutation } from './Mutation.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';

export const resolvers = { DateTime: DateTimeScalar, Query, Mutation, Product, CartLine };
