using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using ColumnType = Microsoft.SqlServer.Dac.Model.ColumnType;
using DacIndex = Microsoft.SqlServer.Dac.Model.Index;

namespace SqlModel;

/// <summary>Checks SQL Server makes when it runs the script but DacFx's Validate() does not.</summary>
public static class ModelRules
{
    private const int ClusteredKeyLimit = 900;
    private const int NonclusteredKeyLimit = 1700;

    /// <summary>Types SQL Server cannot use as an index key column at all.</summary>
    private static readonly HashSet<string> LargeObjectTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text", "ntext", "image", "xml", "geography", "geometry",
    };

    /// <summary>Index keys, primary keys and unique constraints: no (max)/LOB column, key width within SQL Server's limit.</summary>
    public static IEnumerable<Diagnostic> Keys(TSqlModel model, Func<TSqlObject, SourceLocation> locate)
    {
        var keys = model.GetObjects(DacQueryScopes.UserDefined, DacIndex.TypeClass)
            .Select(i => (Key: i, Kind: "index", Clustered: i.GetProperty<bool>(DacIndex.Clustered), Columns: i.GetReferenced(DacIndex.Columns)))
            .Concat(model.GetObjects(DacQueryScopes.UserDefined, PrimaryKeyConstraint.TypeClass)
                .Select(k => (Key: k, Kind: "primary key", Clustered: k.GetProperty<bool>(PrimaryKeyConstraint.Clustered), Columns: k.GetReferenced(PrimaryKeyConstraint.Columns))))
            .Concat(model.GetObjects(DacQueryScopes.UserDefined, UniqueConstraint.TypeClass)
                .Select(k => (Key: k, Kind: "unique constraint", Clustered: k.GetProperty<bool>(UniqueConstraint.Clustered), Columns: k.GetReferenced(UniqueConstraint.Columns))));

        foreach (var (key, kind, clustered, columns) in keys)
        {
            var at = locate(key);
            var name = Describe(key, kind);
            var width = 0;
            var widthKnown = true;
            foreach (var column in columns)
            {
                if (column.GetMetadata<ColumnType>(Column.ColumnType) != ColumnType.Column)
                {
                    widthKnown = false; // a computed column's type is not in the model
                    continue;
                }
                var type = TypeName(column);
                if (column.GetProperty<bool>(Column.IsMax) || LargeObjectTypes.Contains(type))
                {
                    yield return at.Error(Rules.KeyOnMaxColumn,
                        $"{name} has key column {column.Name} of type {type}{(column.GetProperty<bool>(Column.IsMax) ? "(max)" : "")}; SQL Server cannot index it (Msg 1919); index a bounded column or INCLUDE it instead");
                    widthKnown = false;
                    continue;
                }
                if (Bytes(type, column) is { } bytes) width += bytes;
                else
                {
                    yield return at.Error(Rules.KeyTooWide, $"{name}: cannot size key column {column.Name} of type {type}; teach tools/sql-model/ModelRules.cs its width");
                    widthKnown = false;
                }
            }
            var limit = clustered ? ClusteredKeyLimit : NonclusteredKeyLimit;
            if (widthKnown && width > limit)
                yield return at.Error(Rules.KeyTooWide,
                    $"{name} has a key of up to {width} bytes, over SQL Server's {limit}-byte limit for a {(clustered ? "clustered" : "nonclustered")} key; rows with long values would fail to insert (Msg 1946)");
        }
    }

    /// <summary>
    /// SQL Server refuses a foreign key with a cascading action when a table can then be reached from another by
    /// two chains of cascading foreign keys, or by a cycle of them (Msg 1785). DacFx accepts such a model.
    /// </summary>
    public static IEnumerable<Diagnostic> CascadePaths(TSqlModel model, Func<TSqlObject, SourceLocation> locate)
    {
        var foreignKeys = model.GetObjects(DacQueryScopes.UserDefined, ForeignKeyConstraint.TypeClass).ToList();
        foreach (var (action, property) in new[] { ("ON DELETE", ForeignKeyConstraint.DeleteAction), ("ON UPDATE", ForeignKeyConstraint.UpdateAction) })
        {
            var edges = foreignKeys
                .Where(fk => fk.GetProperty<ForeignKeyAction>(property) != ForeignKeyAction.NoAction)
                .Select(fk => new CascadeEdge(
                    fk.GetReferenced(ForeignKeyConstraint.ForeignTable).Single().Name.ToString(),
                    fk.GetReferenced(ForeignKeyConstraint.Host).Single().Name.ToString(),
                    fk))
                .ToLookup(e => e.Parent, StringComparer.OrdinalIgnoreCase);
            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var start in edges.Select(g => g.Key).OrderBy(k => k, StringComparer.Ordinal))
            {
                var firstPath = new Dictionary<string, List<CascadeEdge>>(StringComparer.OrdinalIgnoreCase);
                var problems = new List<Diagnostic>();
                Walk(start, [], [start]);
                foreach (var problem in problems) yield return problem;

                void Walk(string table, List<CascadeEdge> path, HashSet<string> onPath)
                {
                    foreach (var edge in edges[table])
                    {
                        var next = new List<CascadeEdge>(path) { edge };
                        if (onPath.Contains(edge.Child))
                        {
                            if (reported.Add($"cycle {edge.Child}"))
                                problems.Add(locate(edge.ForeignKey).Error(Rules.MultipleCascadePaths,
                                    $"{action} cascade cycle {Chain(start, next)}; SQL Server refuses the foreign key (Msg 1785); make one of them NO ACTION"));
                        }
                        else if (firstPath.TryGetValue(edge.Child, out var prior))
                        {
                            if (reported.Add($"paths {edge.Child}"))
                                problems.Add(locate(edge.ForeignKey).Error(Rules.MultipleCascadePaths,
                                    $"{action} reaches {edge.Child} from {start} by two cascade paths, {Chain(start, prior)} and {Chain(start, next)}; SQL Server refuses the foreign key (Msg 1785); make one of them NO ACTION"));
                        }
                        else
                        {
                            firstPath[edge.Child] = next;
                            Walk(edge.Child, next, [.. onPath, edge.Child]);
                        }
                    }
                }
            }
        }
    }

    private sealed record CascadeEdge(string Parent, string Child, TSqlObject ForeignKey);

    private static string Chain(string start, List<CascadeEdge> path) =>
        start + string.Concat(path.Select(e => $" -> {e.Child} ({Describe(e.ForeignKey, "foreign key")})"));

    /// <summary>
    /// A DML statement with OUTPUT but no INTO may not target a table with an enabled trigger (Msg 334): the
    /// statement compiles on a table without one and fails at run time once a trigger is added.
    /// </summary>
    public static IEnumerable<Diagnostic> OutputWithoutInto(IEnumerable<(string File, TSqlFragment Fragment)> code, ISet<string> triggeredTables)
    {
        foreach (var (file, fragment) in code)
        {
            var visitor = new OutputVisitor();
            fragment.Accept(visitor);
            foreach (var (statement, target) in visitor.Found.Where(f => triggeredTables.Contains(Names.Key(f.Target))))
            {
                yield return new Diagnostic(file, statement.StartLine, Rules.OutputWithoutInto,
                    $"OUTPUT without INTO on {Names.Display(target)}, which has a trigger; SQL Server refuses the statement (Msg 334); use OUTPUT ... INTO a table variable");
            }
        }
    }

    private sealed class OutputVisitor : TSqlFragmentVisitor
    {
        public List<(DataModificationSpecification Statement, SchemaObjectName Target)> Found { get; } = [];

        public override void Visit(DataModificationSpecification node)
        {
            if (node.OutputClause is null || node.OutputIntoClause is not null) return;
            var target = node switch
            {
                InsertSpecification i => i.Target,
                UpdateDeleteSpecificationBase u => u.Target,
                MergeSpecification m => m.Target,
                _ => null,
            };
            if (target is not NamedTableReference named) return;
            var name = named.SchemaObject;
            // UPDATE alias SET ... FROM table AS alias: the target is the aliased table.
            if (name.SchemaIdentifier is null && node is UpdateDeleteSpecificationBase { FromClause: { } from })
            {
                var aliases = new AliasVisitor();
                from.Accept(aliases);
                if (aliases.Tables.TryGetValue(name.BaseIdentifier.Value, out var aliased)) name = aliased;
            }
            Found.Add((node, name));
        }
    }

    private sealed class AliasVisitor : TSqlFragmentVisitor
    {
        public Dictionary<string, SchemaObjectName> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(NamedTableReference node)
        {
            if (node.Alias is { } alias) Tables[alias.Value] = node.SchemaObject;
        }
    }

    private static string Describe(TSqlObject obj, string kind)
    {
        if (obj.Name.HasName) return $"{kind} {obj.Name}";
        // Unnamed constraints: name them by their table.
        var host = obj.GetReferenced(kind == "foreign key" ? ForeignKeyConstraint.Host
            : kind == "primary key" ? PrimaryKeyConstraint.Host : UniqueConstraint.Host).FirstOrDefault();
        return $"{kind} of {host?.Name.ToString() ?? "?"}";
    }

    private static string TypeName(TSqlObject column) =>
        column.GetReferenced(Column.DataType).FirstOrDefault()?.Name.Parts.LastOrDefault() ?? "?";

    /// <summary>The most bytes a key column of this type takes (SQL Server's storage sizes).</summary>
    private static int? Bytes(string type, TSqlObject column)
    {
        var length = column.GetProperty<int>(Column.Length);
        var precision = column.GetProperty<int>(Column.Precision);
        var scale = column.GetProperty<int>(Column.Scale);
        return type.ToLowerInvariant() switch
        {
            "bit" or "tinyint" => 1,
            "smallint" => 2,
            "int" or "real" or "smallmoney" or "smalldatetime" => 4,
            "bigint" or "money" or "datetime" or "rowversion" or "timestamp" => 8,
            "float" => precision is > 0 and <= 24 ? 4 : 8,
            "decimal" or "numeric" => precision switch { 0 => 9, <= 9 => 5, <= 19 => 9, <= 28 => 13, _ => 17 },
            "date" => 3,
            "time" => 3 + FractionBytes(scale),
            "datetime2" => 6 + FractionBytes(scale),
            "datetimeoffset" => 8 + FractionBytes(scale),
            "uniqueidentifier" => 16,
            "char" or "varchar" or "binary" or "varbinary" => Math.Max(1, length),
            "nchar" or "nvarchar" => 2 * Math.Max(1, length),
            "sysname" => 256,
            "hierarchyid" => 892,
            "sql_variant" => 8016,
            _ => null,
        };
    }

    private static int FractionBytes(int scale) => scale switch { <= 2 => 0, <= 4 => 1, _ => 2 };
}
