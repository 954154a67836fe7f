import { DateTimeScalar, JSONScalar } from '../../../../common/scalars.ts';
import { Location } from './Location.ts';
import { CartLine } from './CartLine.ts';
import { Mutation } from './Mutation.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';

export const resolvers = { DateTime: DateTimeScalar, JSON: JSONScalar, Query, Mutation, Product, CartLine, Location };
