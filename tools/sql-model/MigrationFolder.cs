using System.Text;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace SqlModel;

/// <summary>One object of the final schema: its defining CREATE statement and where it was first created.</summary>
public sealed class FoldedObject(string kind, string display, SourceLocation source, TSqlStatement statement, string? text)
{
    public string Kind { get; } = kind;
    public string Display { get; } = display;
    public SourceLocation Source { get; private set; } = source;
    public TSqlStatement Statement { get; private set; } = statement;

    /// <summary>The original CREATE text while it still describes the object; null once a later ALTER changed it.</summary>
    public string? Text { get; private set; } = text;

    /// <summary>Migrations that changed the object after it was created ("file:line").</summary>
    public List<string> ChangedBy { get; } = [];

    public void Changed(SourceLocation by)
    {
        Text = null;
        ChangedBy.Add($"{by.File}:{by.Line}");
    }

    public void Replace(TSqlStatement statement, string text, SourceLocation by)
    {
        Statement = statement;
        Text = text;
        Source = by;
    }
}

/// <summary>
/// Applies migrations statement by statement to reach the final set of object definitions, the form DacFx models
/// declare: ALTER TABLE ADD/DROP/ALTER COLUMN and constraints change the table's CREATE TABLE, ALTER FUNCTION and
/// friends replace the definition, ALTER SECURITY POLICY adds/alters/drops predicates, DROP removes. A statement it
/// does not know is an error rather than silently ignored, so the model never misses part of a migration.
/// </summary>
public sealed class MigrationFolder
{
    private readonly Dictionary<string, FoldedObject> objects = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    /// <summary>Where each security predicate of a policy was added or last altered.</summary>
    private readonly Dictionary<SecurityPredicateAction, SourceLocation> predicateSources = [];

    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>INSERT/UPDATE/DELETE/MERGE in migrations (backfills): no schema change, checked as procedures.</summary>
    public List<QueryProcedure> DataChanges { get; } = [];

    public IEnumerable<FoldedObject> Objects => order.Select(key => objects[key]);

    /// <summary>The tables (schema-qualified keys) with a DML trigger in the final schema.</summary>
    public IEnumerable<string> TriggeredTables => Objects
        .Select(o => o.Statement)
        .OfType<TriggerStatementBody>()
        .Where(t => t.TriggerObject.TriggerScope == TriggerScope.Normal)
        .Select(t => Names.Key(t.TriggerObject.Name));

    public void Apply(string file, TSqlScript script, string text)
    {
        foreach (var statement in script.Batches.SelectMany(b => b.Statements))
        {
            var at = new SourceLocation(file, statement.StartLine);
            switch (statement)
            {
                case InsertStatement or UpdateStatement or DeleteStatement or MergeStatement:
                    DataChanges.Add(QueryProcedures.Procedure($"migration:{Path.GetFileName(file)}:{statement.StartLine}", file, [statement], statement, text));
                    break;
                case CreateSchemaStatement s:
                    Add($"schema:{s.Name.Value.ToLowerInvariant()}", "schema", $"[{s.Name.Value}]", at, s, Original(s, text));
                    break;
                case DropSchemaStatement s:
                    Remove($"schema:{s.Schema.BaseIdentifier.Value.ToLowerInvariant()}", at, s.IsIfExists);
                    break;
                case CreateTableStatement t:
                    Add(ObjectKey(t.SchemaObjectName), "table", Names.Display(t.SchemaObjectName), at, t, Original(t, text));
                    break;
                case AlterTableAddTableElementStatement a:
                    AddToTable(a, at);
                    break;
                case AlterTableDropTableElementStatement d:
                    DropFromTable(d, at);
                    break;
                case AlterTableAlterColumnStatement c:
                    AlterColumn(c, at);
                    break;
                case DropTableStatement d:
                    foreach (var name in d.Objects) DropTable(name, at, d.IsIfExists);
                    break;
                case CreateIndexStatement i:
                    if (Table(i.OnName, at) is not null)
                        Add(IndexKey(i.OnName, i.Name.Value), "index", $"{Names.Display(i.OnName)}.[{i.Name.Value}]", at, i, Original(i, text));
                    break;
                case DropIndexStatement d:
                    DropIndexes(d, at);
                    break;
                case CreateSecurityPolicyStatement p:
                    Add(ObjectKey(p.Name), "security policy", Names.Display(p.Name), at, p, Original(p, text));
                    foreach (var action in p.SecurityPredicateActions) predicateSources[action] = new SourceLocation(file, action.StartLine);
                    break;
                case AlterSecurityPolicyStatement p:
                    AlterSecurityPolicy(p, at);
                    break;
                case DropObjectsStatement d when d is DropFunctionStatement or DropProcedureStatement or DropViewStatement or DropTriggerStatement or DropSecurityPolicyStatement:
                    foreach (var name in d.Objects)
                    {
                        if (d is DropFunctionStatement) RefuseIfBoundToPolicy(name, "DROP", at);
                        Remove(ObjectKey(name), at, d.IsIfExists);
                    }
                    break;
                default:
                    if (Module(statement) is { } module) DefineModule(statement, module, at, text);
                    else Diagnostics.Add(at.Error(Rules.Unsupported,
                        $"{statement.GetType().Name} is not folded into the model; teach tools/sql-model/MigrationFolder.cs how it changes the schema"));
                    break;
            }
        }
    }

    /// <summary>
    /// Checks what the final schema must hold together that DacFx cannot be asked about: a security predicate on a
    /// table that does not exist makes Validate() throw, so it is reported here and left out of the model.
    /// </summary>
    public void Finish()
    {
        foreach (var policy in Objects.Where(o => o.Statement is CreateSecurityPolicyStatement).ToList())
        {
            var create = (CreateSecurityPolicyStatement)policy.Statement;
            var missing = create.SecurityPredicateActions
                .Where(a => !objects.TryGetValue(ObjectKey(a.TargetObjectName), out var target) || target.Kind is not ("table" or "view"))
                .ToList();
            foreach (var action in missing)
            {
                var at = predicateSources.GetValueOrDefault(action, policy.Source);
                Diagnostics.Add(at.Error(Rules.Fold, $"{policy.Display} has a {Describe(action)}, which is not a table of the final schema"));
                create.SecurityPredicateActions.Remove(action);
            }
            if (missing.Count > 0) policy.Changed(policy.Source);
        }
    }

    /// <summary>A programmable object (function, procedure, view, trigger) and whether the statement creates, alters or does both.</summary>
    private sealed record ModuleStatement(string Kind, SchemaObjectName Name, bool MayCreate, bool MayReplace);

    private static ModuleStatement? Module(TSqlStatement statement) => statement switch
    {
        CreateOrAlterFunctionStatement f => new("function", f.Name, true, true),
        AlterFunctionStatement f => new("function", f.Name, false, true),
        CreateFunctionStatement f => new("function", f.Name, true, false),
        CreateOrAlterProcedureStatement p => new("procedure", p.ProcedureReference.Name, true, true),
        AlterProcedureStatement p => new("procedure", p.ProcedureReference.Name, false, true),
        CreateProcedureStatement p => new("procedure", p.ProcedureReference.Name, true, false),
        CreateOrAlterViewStatement v => new("view", v.SchemaObjectName, true, true),
        AlterViewStatement v => new("view", v.SchemaObjectName, false, true),
        CreateViewStatement v => new("view", v.SchemaObjectName, true, false),
        CreateOrAlterTriggerStatement t => new("trigger", t.Name, true, true),
        AlterTriggerStatement t => new("trigger", t.Name, false, true),
        CreateTriggerStatement t => new("trigger", t.Name, true, false),
        _ => null,
    };

    private void DefineModule(TSqlStatement statement, ModuleStatement module, SourceLocation at, string text)
    {
        var key = ObjectKey(module.Name);
        var createText = AsCreate(statement, text);
        if (objects.TryGetValue(key, out var existing))
        {
            if (!module.MayReplace)
            {
                Diagnostics.Add(at.Error(Rules.Fold, $"{existing.Display} is created twice (first at {existing.Source.File}:{existing.Source.Line})"));
                return;
            }
            if (module.Kind == "function") RefuseIfBoundToPolicy(module.Name, "ALTER", at);
            existing.Replace(statement, createText, at);
            return;
        }
        if (!module.MayCreate)
        {
            Diagnostics.Add(at.Error(Rules.Fold, $"ALTER of {module.Kind} {Names.Display(module.Name)}, which no earlier migration created"));
            return;
        }
        Add(key, module.Kind, Names.Display(module.Name), at, statement, createText);
    }

    private void AddToTable(AlterTableAddTableElementStatement a, SourceLocation at)
    {
        if (Table(a.SchemaObjectName, at) is not { } table) return;
        var definition = ((CreateTableStatement)table.Statement).Definition;
        foreach (var column in a.Definition.ColumnDefinitions)
        {
            if (FindColumn(definition, column.ColumnIdentifier.Value) is not null)
            {
                Diagnostics.Add(at.Error(Rules.Fold, $"{table.Display} already has a column [{column.ColumnIdentifier.Value}]"));
                continue;
            }
            if (IsNotNullWithoutDefault(column))
                Diagnostics.Add(at.Error(Rules.NotNullWithoutDefault,
                    $"NOT NULL column [{column.ColumnIdentifier.Value}] added to existing table {table.Display} without a DEFAULT; SQL Server refuses it once the table has rows (Msg 4901)"));
            definition.ColumnDefinitions.Add(column);
        }
        foreach (var constraint in a.Definition.TableConstraints)
        {
            // ADD CONSTRAINT df DEFAULT x FOR column belongs to the column in a CREATE TABLE.
            if (constraint is DefaultConstraintDefinition { Column: { } target } defaultConstraint)
            {
                if (FindColumn(definition, target.Value) is { } column)
                {
                    defaultConstraint.Column = null;
                    column.DefaultConstraint = defaultConstraint;
                }
                else Diagnostics.Add(at.Error(Rules.Fold, $"{table.Display} has no column [{target.Value}] for the default"));
                continue;
            }
            definition.TableConstraints.Add(constraint);
        }
        foreach (var index in a.Definition.Indexes) definition.Indexes.Add(index);
        table.Changed(at);
    }

    private static bool IsNotNullWithoutDefault(ColumnDefinition column) =>
        column.Constraints.OfType<NullableConstraintDefinition>().Any(c => !c.Nullable)
        && column.DefaultConstraint is null
        && column.IdentityOptions is null
        && column.ComputedColumnExpression is null
        && column.GeneratedAlways is null;

    private void DropFromTable(AlterTableDropTableElementStatement d, SourceLocation at)
    {
        if (Table(d.SchemaObjectName, at) is not { } table) return;
        var definition = ((CreateTableStatement)table.Statement).Definition;
        foreach (var element in d.AlterTableDropTableElements)
        {
            var name = element.Name.Value;
            var removed = element.TableElementType switch
            {
                TableElementType.Column => RemoveWhere(definition.ColumnDefinitions, c => Same(c.ColumnIdentifier, name)),
                TableElementType.Index => RemoveWhere(definition.Indexes, i => Same(i.Name, name)),
                TableElementType.Constraint or TableElementType.NotSpecified => RemoveConstraint(definition, name),
                _ => false,
            };
            if (!removed && !element.IsIfExists)
                Diagnostics.Add(at.Error(Rules.Fold, $"{table.Display} has no {element.TableElementType.ToString().ToLowerInvariant()} [{name}] to drop"));
        }
        table.Changed(at);
    }

    private static bool RemoveConstraint(TableDefinition definition, string name)
    {
        if (RemoveWhere(definition.TableConstraints, c => Same(c.ConstraintIdentifier, name))) return true;
        foreach (var column in definition.ColumnDefinitions)
        {
            if (column.DefaultConstraint is { } d && Same(d.ConstraintIdentifier, name))
            {
                column.DefaultConstraint = null;
                return true;
            }
            if (RemoveWhere(column.Constraints, c => Same(c.ConstraintIdentifier, name))) return true;
        }
        return false;
    }

    private void AlterColumn(AlterTableAlterColumnStatement c, SourceLocation at)
    {
        if (Table(c.SchemaObjectName, at) is not { } table) return;
        var definition = ((CreateTableStatement)table.Statement).Definition;
        if (FindColumn(definition, c.ColumnIdentifier.Value) is not { } column)
        {
            Diagnostics.Add(at.Error(Rules.Fold, $"{table.Display} has no column [{c.ColumnIdentifier.Value}] to alter"));
            return;
        }
        switch (c.AlterTableAlterColumnOption)
        {
            case AlterTableAlterColumnOption.NoOptionDefined:
            case AlterTableAlterColumnOption.Null:
            case AlterTableAlterColumnOption.NotNull:
                break;
            default:
                Diagnostics.Add(at.Error(Rules.Unsupported, $"ALTER COLUMN ... {c.AlterTableAlterColumnOption} is not folded into the model"));
                return;
        }
        if (c.DataType is not null)
        {
            column.DataType = c.DataType;
            column.Collation = c.Collation;
            // ALTER COLUMN restates nullability; without NULL/NOT NULL the column becomes nullable.
            RemoveWhere(column.Constraints, x => x is NullableConstraintDefinition);
            column.Constraints.Add(new NullableConstraintDefinition { Nullable = c.AlterTableAlterColumnOption != AlterTableAlterColumnOption.NotNull });
        }
        table.Changed(at);
    }

    private void DropTable(SchemaObjectName name, SourceLocation at, bool ifExists)
    {
        var key = ObjectKey(name);
        if (!Remove(key, at, ifExists)) return;
        // Its indexes and triggers go with it.
        var prefix = $"index:{Names.Key(name)}.";
        foreach (var dependent in order.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)
                     || (objects[k].Statement is TriggerStatementBody t && Names.Key(t.TriggerObject.Name) == Names.Key(name))).ToList())
        {
            Remove(dependent, at, false);
        }
    }

    private void DropIndexes(DropIndexStatement d, SourceLocation at)
    {
        foreach (var clause in d.DropIndexClauses)
        {
            switch (clause)
            {
                case DropIndexClause c:
                    Remove(IndexKey(c.Object, c.Index.Value), at, d.IsIfExists);
                    break;
                case BackwardsCompatibleDropIndexClause c:
                    var table = new SchemaObjectName();
                    if (c.Index.SchemaIdentifier is { } schema) table.Identifiers.Add(schema);
                    table.Identifiers.Add(c.Index.BaseIdentifier);
                    Remove(IndexKey(table, c.Index.ChildIdentifier.Value), at, d.IsIfExists);
                    break;
            }
        }
    }

    private void AlterSecurityPolicy(AlterSecurityPolicyStatement alter, SourceLocation at)
    {
        if (!objects.TryGetValue(ObjectKey(alter.Name), out var policy) || policy.Statement is not CreateSecurityPolicyStatement create)
        {
            Diagnostics.Add(at.Error(Rules.Fold, $"ALTER SECURITY POLICY {Names.Display(alter.Name)}, which no earlier migration created"));
            return;
        }
        foreach (var action in alter.SecurityPredicateActions)
        {
            var existing = create.SecurityPredicateActions.FirstOrDefault(a => SamePredicateSlot(a, action));
            switch (action.ActionType)
            {
                case SecurityPredicateActionType.Create when existing is null:
                    create.SecurityPredicateActions.Add(action);
                    predicateSources[action] = at with { Line = action.StartLine };
                    break;
                case SecurityPredicateActionType.Create:
                    Diagnostics.Add(at.Error(Rules.Fold, $"{Describe(action)} is added twice to {policy.Display}"));
                    break;
                case SecurityPredicateActionType.Alter when existing is not null:
                    existing.FunctionCall = action.FunctionCall;
                    predicateSources[existing] = at with { Line = action.StartLine };
                    break;
                case SecurityPredicateActionType.Drop when existing is not null:
                    create.SecurityPredicateActions.Remove(existing);
                    break;
                default:
                    Diagnostics.Add(at.Error(Rules.Fold, $"{policy.Display} has no {Describe(action)} to {action.ActionType.ToString().ToLowerInvariant()}"));
                    break;
            }
        }
        foreach (var option in alter.SecurityPolicyOptions)
        {
            RemoveWhere(create.SecurityPolicyOptions, o => o.OptionKind == option.OptionKind);
            create.SecurityPolicyOptions.Add(option);
        }
        create.NotForReplication |= alter.NotForReplication;
        policy.Changed(at);
    }

    /// <summary>
    /// A function a schema-bound security policy uses as a predicate cannot be altered or dropped (Msg 3729): the
    /// migration must first point the predicates elsewhere (ALTER ... PREDICATE), as 0006 does.
    /// </summary>
    private void RefuseIfBoundToPolicy(SchemaObjectName function, string verb, SourceLocation at)
    {
        var key = Names.Key(function);
        foreach (var policy in Objects.Where(o => o.Statement is CreateSecurityPolicyStatement))
        {
            var create = (CreateSecurityPolicyStatement)policy.Statement;
            var bound = !create.SecurityPolicyOptions.Any(o => o.OptionKind == SecurityPolicyOptionKind.SchemaBinding && o.OptionState == OptionState.Off);
            var user = create.SecurityPredicateActions.FirstOrDefault(a => FunctionKey(a.FunctionCall) == key);
            if (bound && user is not null)
                Diagnostics.Add(at.Error(Rules.BoundFunction,
                    $"{verb} FUNCTION {Names.Display(function)} while schema-bound {policy.Display} uses it ({Describe(user)}); SQL Server refuses it (Msg 3729); move the predicates to another function first"));
        }
    }

    private static string FunctionKey(FunctionCall call) =>
        $"{(call.CallTarget as MultiPartIdentifierCallTarget)?.MultiPartIdentifier.Identifiers.LastOrDefault()?.Value ?? "dbo"}.{call.FunctionName.Value}".ToLowerInvariant();

    /// <summary>A policy holds one filter predicate per table and one block predicate per table and operation.</summary>
    private static bool SamePredicateSlot(SecurityPredicateAction a, SecurityPredicateAction b) =>
        a.SecurityPredicateType == b.SecurityPredicateType
        && Names.Key(a.TargetObjectName) == Names.Key(b.TargetObjectName)
        && (a.SecurityPredicateType == SecurityPredicateType.Filter || a.SecurityPredicateOperation == b.SecurityPredicateOperation);

    private static string Describe(SecurityPredicateAction a) =>
        $"{a.SecurityPredicateType.ToString().ToLowerInvariant()} predicate on {Names.Display(a.TargetObjectName)}"
        + (a.SecurityPredicateType == SecurityPredicateType.Block ? $" ({a.SecurityPredicateOperation})" : "");

    private FoldedObject? Table(SchemaObjectName name, SourceLocation at)
    {
        if (objects.TryGetValue(ObjectKey(name), out var table) && table.Statement is CreateTableStatement) return table;
        Diagnostics.Add(at.Error(Rules.Fold, $"table {Names.Display(name)} does not exist at this point of the migrations"));
        return null;
    }

    private void Add(string key, string kind, string display, SourceLocation at, TSqlStatement statement, string text)
    {
        if (objects.TryGetValue(key, out var existing))
        {
            Diagnostics.Add(at.Error(Rules.Fold, $"{display} is created twice (first at {existing.Source.File}:{existing.Source.Line})"));
            return;
        }
        objects[key] = new FoldedObject(kind, display, at, statement, text);
        order.Add(key);
    }

    private bool Remove(string key, SourceLocation at, bool ifExists)
    {
        if (objects.Remove(key))
        {
            order.Remove(key);
            return true;
        }
        if (!ifExists) Diagnostics.Add(at.Error(Rules.Fold, $"DROP of {key.Replace(':', ' ')}, which does not exist at this point of the migrations"));
        return false;
    }

    private static string ObjectKey(SchemaObjectName name) => $"object:{Names.Key(name)}";

    private static string IndexKey(SchemaObjectName table, string index) => $"index:{Names.Key(table)}.{index.ToLowerInvariant()}";

    private static ColumnDefinition? FindColumn(TableDefinition definition, string name) =>
        definition.ColumnDefinitions.FirstOrDefault(c => Same(c.ColumnIdentifier, name));

    private static bool Same(Identifier? identifier, string name) =>
        identifier is not null && string.Equals(identifier.Value, name, StringComparison.OrdinalIgnoreCase);

    private static bool RemoveWhere<T>(IList<T> list, Func<T, bool> predicate)
    {
        var removed = false;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (!predicate(list[i])) continue;
            list.RemoveAt(i);
            removed = true;
        }
        return removed;
    }

    /// <summary>The statement's own text.</summary>
    private static string Original(TSqlFragment fragment, string text) => text.Substring(fragment.StartOffset, fragment.FragmentLength);

    /// <summary>The text of an ALTER or CREATE OR ALTER statement as the CREATE that defines the same object.</summary>
    private static string AsCreate(TSqlFragment fragment, string text)
    {
        var tokens = fragment.ScriptTokenStream;
        var first = fragment.FirstTokenIndex;
        var rest = first + 1;
        if (tokens[first].TokenType == TSqlTokenType.Create)
        {
            // CREATE OR ALTER: drop "OR ALTER".
            var next = NextSignificant(tokens, first + 1, fragment.LastTokenIndex);
            if (next >= 0 && tokens[next].TokenType == TSqlTokenType.Or)
            {
                var alter = NextSignificant(tokens, next + 1, fragment.LastTokenIndex);
                if (alter >= 0 && tokens[alter].TokenType == TSqlTokenType.Alter) rest = alter + 1;
            }
        }
        else if (tokens[first].TokenType != TSqlTokenType.Alter)
        {
            return Original(fragment, text);
        }
        var builder = new StringBuilder("CREATE");
        for (var i = rest; i <= fragment.LastTokenIndex; i++) builder.Append(tokens[i].Text);
        return builder.ToString();
    }

    private static int NextSignificant(IList<TSqlParserToken> tokens, int from, int last)
    {
        for (var i = from; i <= last; i++)
        {
            if (tokens[i].TokenType is not (TSqlTokenType.WhiteSpace or TSqlTokenType.SingleLineComment or TSqlTokenType.MultilineComment)) return i;
        }
        return -1;
    }
}
