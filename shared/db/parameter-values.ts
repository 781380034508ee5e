import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

import type { SqlDialectName } from './column-types';

type Convert = (value: unknown) => unknown;

const CONVERTERS: Record<SqlDialectName, Convert> = {
  /** better-sqlite3 binds neither Date nor boolean; store them as the documented text and 0/1. */
  sqlite: (value) => (value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? (value ? 1 : 0) : value),
  /**
   * tedious sends a Date as `datetime` (1/300 s), which would round our milliseconds and break keyset cursors;
   * ISO-8601 text without the zone converts exactly to datetime2(3) (our values are UTC already).
   */
  mssql: (value) => (value instanceof Date ? value.toISOString().slice(0, 23) : value),
};

class ValueTransformer extends OperationNodeTransformer {
  constructor(private readonly convert: Convert) {
    super();
  }

  protected override transformValue(node: ValueNode): ValueNode {
    return super.transformValue({ ...node, value: this.convert(node.value) });
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return super.transformPrimitiveValueList({ ...node, values: node.values.map(this.convert) });
  }
}

/** Converts parameter values to what each driver binds faithfully. */
export class ParameterValuesPlugin implements KyselyPlugin {
  readonly #transformer: ValueTransformer;

  constructor(dialect: SqlDialectName) {
    this.#transformer = new ValueTransformer(CONVERTERS[dialect]);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
