import { DateTimeScalar, JSONScalar } from '../../../../common/scalars.ts';
import { Mutation } from './Mutation.ts';
import { Order } from './Order.ts';
import { OrderLine } from './OrderLine.ts';
import { Promotion } from './Promotion.ts';
import { Query } from './Query.ts';
import { QuarantinedOrder } from './QuarantinedOrder.ts';

export const resolvers = { JSON: JSONScalar, DateTime: DateTimeScalar, Query, Mutation, Order, OrderLine, Promotion, QuarantinedOrder };
