using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace SqlModel;

/// <summary>Statements wrapped as a stored procedure the model can bind; Code is what they were parsed from.</summary>
public sealed record QueryProcedure(string Name, SourceLocation Source, string Script, TSqlFragment Code);

/// <summary>
/// Wraps each batch of queries.sql (one repository operation, "-- name" above it, GO after it) as
/// <c>CREATE PROCEDURE [dbo].[query:name] @1 sql_variant, @2 sql_variant ... AS &lt;the batch&gt;</c>, so DacFx binds every
/// table, column and procedure the operation names against the folded schema. Data changes in migrations are
/// wrapped the same way ([dbo].[migration:file:line]).
///
/// Parameters are declared sql_variant: Kysely sends @1, @2 ... with the type of the JavaScript value, which the
/// text does not record. DacFx binds names, not the types of parameters, so sql_variant gives no false errors
/// where one parameter is compared with an int in one place and a string in another, and any
/// inferred type would only look precise.
/// </summary>
public static partial class QueryProcedures
{
    public const string Schema = "dbo";

    public static List<QueryProcedure> Wrap(string file, TSqlScript script, string text)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return script.Batches
            .Where(b => b.Statements.Count > 0)
            .Select(batch => Procedure(
                "query:" + UniqueName(NameOf(batch) ?? $"batch at line {batch.Statements[0].StartLine}", used),
                file, batch.Statements, batch, text))
            .ToList();
    }

    /// <summary>The statements (consecutive, from one file's text) as one procedure.</summary>
    public static QueryProcedure Procedure(string name, string file, IList<TSqlStatement> statements, TSqlFragment code, string text)
    {
        var first = statements[0];
        var last = statements[^1];
        var parameters = Parameters(code);
        var header = $"CREATE PROCEDURE [{Schema}].[{name.Replace("]", "]]")}]"
            + (parameters.Count > 0 ? " " + string.Join(", ", parameters.Select(p => $"{p} sql_variant")) : "")
            + " AS";
        // The header takes the line above the first statement (in queries.sql the "-- name" comment), so DacFx's
        // source lines are the lines of the file.
        var lineStart = text.LastIndexOf('\n', Math.Max(0, first.StartOffset - 1)) + 1;
        var body = text[lineStart..(last.StartOffset + last.FragmentLength)];
        var procedure = new StringBuilder()
            .Append('\n', Math.Max(0, first.StartLine - 2))
            .Append(header).Append('\n')
            .Append(body)
            .ToString();
        return new QueryProcedure(name, new SourceLocation(file, Math.Max(1, first.StartLine - 1)), procedure, code);
    }

    /// <summary>The last "-- name" comment before the batch's first statement.</summary>
    private static string? NameOf(TSqlBatch batch)
    {
        var tokens = batch.ScriptTokenStream;
        for (var i = batch.Statements[0].FirstTokenIndex - 1; i >= 0; i--)
        {
            var token = tokens[i];
            if (token.TokenType == TSqlTokenType.SingleLineComment)
            {
                var name = token.Text.TrimStart('-').Trim();
                return name.Length == 0 ? null : name;
            }
            if (token.TokenType is not (TSqlTokenType.WhiteSpace or TSqlTokenType.MultilineComment)) return null;
        }
        return null;
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        name = name.Length > 100 ? name[..100] : name;
        var unique = name;
        for (var n = 2; !used.Add(unique); n++) unique = $"{name} #{n}";
        return unique;
    }

    /// <summary>Every variable the code uses but does not declare, in order (@1, @2, ..., @10).</summary>
    private static List<string> Parameters(TSqlFragment code)
    {
        var visitor = new VariableVisitor();
        code.Accept(visitor);
        return visitor.Used
            .Where(v => !visitor.Declared.Contains(v))
            .OrderBy(v => Numbered().Match(v) is { Success: true } m ? int.Parse(m.Groups[1].Value) : int.MaxValue)
            .ThenBy(v => v, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    [GeneratedRegex(@"^@(\d+)$")]
    private static partial Regex Numbered();

    private sealed class VariableVisitor : TSqlFragmentVisitor
    {
        public HashSet<string> Used { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(VariableReference node) => Used.Add(node.Name);

        // In "EXEC proc @name = value" @name is the procedure's parameter, not one of the batch.
        public override void ExplicitVisit(ExecuteParameter node) => node.ParameterValue?.Accept(this);
        public override void Visit(DeclareVariableElement node) => Declared.Add(node.VariableName.Value);
        public override void Visit(DeclareTableVariableBody node) => Declared.Add(node.VariableName.Value);
    }
}
