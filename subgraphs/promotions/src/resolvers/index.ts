import { DateTimeScalar, JSONScalar } from '../../../../common/scalars.ts';
import { Campaign } from './Campaign.ts';
import { Cart } from './Cart.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';

export const resolvers = { JSON: JSONScalar, DateTime: DateTimeScalar, Query, Mutation, Cart, Campaign };
