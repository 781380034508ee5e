using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace SqlModel;

/// <summary>What one check saw, for the summary line.</summary>
public sealed record CheckResult(List<Diagnostic> Diagnostics, int Migrations, int Objects, int Procedures)
{
    public int Errors => Diagnostics.Count(d => d.IsError);
}

/// <summary>
/// Folds the migrations of one directory into the final schema, wraps its queries.sql as procedures, loads both
/// into a DacFx model for Azure SQL Database and reports what Validate() and the explicit rules find.
/// </summary>
public static partial class Checker
{
    public const string QueriesFile = "queries.sql";

    /// <summary>
    /// Model-only stand-ins for the system procedures the queries call. DacFx ships no master database to bind
    /// them; declaring them with their documented parameters still checks the parameter names used.
    /// Unqualified "EXEC sp_..." binds to dbo in the model, so each has a dbo twin.
    /// </summary>
    private static readonly string[] SystemProcedures =
    [
        "sp_set_session_context @key sysname, @value sql_variant, @read_only bit = 0",
    ];

    /// <summary>SQL71502: a procedure names an object the model does not have; DacFx calls it a warning
    /// (deferred name resolution), Azure SQL fails the query when it runs.</summary>
    private const int UnresolvedReferenceWarning = 71502;

    public static CheckResult Check(IReadOnlyList<string> migrationFiles, string? queriesFile, TextWriter? dump = null)
    {
        var diagnostics = new List<Diagnostic>();
        var folder = new MigrationFolder();
        foreach (var file in migrationFiles)
        {
            if (Parse(file, diagnostics) is { } parsed) folder.Apply(file, parsed.Script, parsed.Text);
        }
        folder.Finish();
        diagnostics.AddRange(folder.Diagnostics);

        var procedures = new List<QueryProcedure>(folder.DataChanges);
        if (queriesFile is not null && Parse(queriesFile, diagnostics) is { } queries)
            procedures.AddRange(QueryProcedures.Wrap(queriesFile, queries.Script, queries.Text));

        // A script that did not parse would only add noise to the model's findings.
        if (diagnostics.Any(d => d.Code == Rules.Parse))
            return new CheckResult(diagnostics, migrationFiles.Count, folder.Objects.Count(), procedures.Count);

        using var model = new TSqlModel(SqlServerVersion.SqlAzure, new TSqlModelOptions());
        var sources = new Sources();
        foreach (var stub in SystemProcedures)
        {
            foreach (var schema in new[] { "sys", "dbo" })
                Add(model, $"CREATE PROCEDURE [{schema}].{stub} AS RETURN 0;", sources, new SourceLocation("<system procedure stubs>", 1), diagnostics);
        }
        foreach (var obj in folder.Objects)
        {
            var script = obj.Text ?? Script(obj.Statement);
            dump?.Write($"-- {obj.Kind} {obj.Display}, {obj.Source.File}:{obj.Source.Line}{string.Concat(obj.ChangedBy.Select(c => $", changed at {c}"))}\n{script.Trim()}\nGO\n\n");
            Add(model, Padded(obj.Source.Line, script), sources, obj.Source, diagnostics);
        }
        foreach (var procedure in procedures)
        {
            dump?.Write($"-- {procedure.Source.File}:{procedure.Source.Line}\n{procedure.Script.TrimStart('\n')}\nGO\n\n");
            Add(model, procedure.Script, sources, procedure.Source, diagnostics);
        }

        diagnostics.AddRange(Validate(model, sources, procedures));
        diagnostics.AddRange(ModelRules.Keys(model, sources.Locate));
        diagnostics.AddRange(ModelRules.CascadePaths(model, sources.Locate));

        var triggered = folder.TriggeredTables.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var code = procedures.Select(p => (p.Source.File, p.Code))
            .Concat(folder.Objects.Where(o => o.Kind is "procedure" or "trigger").Select(o => (o.Source.File, (TSqlFragment)o.Statement)));
        diagnostics.AddRange(ModelRules.OutputWithoutInto(code, triggered));

        return new CheckResult(diagnostics.Distinct().ToList(), migrationFiles.Count, folder.Objects.Count(), procedures.Count);
    }

    private static (TSqlScript Script, string Text)? Parse(string file, List<Diagnostic> diagnostics)
    {
        var text = File.ReadAllText(file);
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(text);
        var fragment = parser.Parse(reader, out var errors);
        foreach (var error in errors)
            diagnostics.Add(new Diagnostic(file, error.Line, Rules.Parse, $"SQL{error.Number}: {error.Message}"));
        return errors.Count == 0 && fragment is TSqlScript script ? (script, text) : null;
    }

    /// <summary>
    /// DacFx replaces every object of a source name on each AddOrUpdateObjects, so each object gets a name of its
    /// own; this maps the names back to file and line (the scripts are padded so the model's lines are the file's).
    /// </summary>
    private sealed class Sources
    {
        private readonly Dictionary<string, SourceLocation> locations = new(StringComparer.Ordinal);

        public string Name(SourceLocation at)
        {
            var name = $"{at.File}#{locations.Count + 1}";
            locations[name] = at;
            return name;
        }

        public SourceLocation Locate(TSqlObject obj)
        {
            var source = obj.GetSourceInformation();
            return source?.SourceName is { } name && locations.TryGetValue(name, out var at)
                ? at with { Line = source.StartLine }
                : new SourceLocation("<model>", 0);
        }
    }

    private static void Add(TSqlModel model, string script, Sources sources, SourceLocation at, List<Diagnostic> diagnostics)
    {
        try
        {
            model.AddOrUpdateObjects(script, sources.Name(at), new TSqlObjectOptions());
        }
        catch (DacModelException ex)
        {
            foreach (var error in ex.Messages)
                diagnostics.Add(at.Error($"{error.Prefix}{error.Number}", error.Message));
            if (ex.Messages.Count == 0) diagnostics.Add(at.Error("SQL-model", ex.Message));
        }
    }

    private static IEnumerable<Diagnostic> Validate(TSqlModel model, Sources sources, List<QueryProcedure> procedures)
    {
        var elements = model.GetObjects(DacQueryScopes.UserDefined)
            .GroupBy(o => o.Name.ToString(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => sources.Locate(g.First()), StringComparer.OrdinalIgnoreCase);
        var code = procedures.ToDictionary(p => $"[{QueryProcedures.Schema}].[{p.Name.Replace("]", "]]")}]", p => p.Code, StringComparer.OrdinalIgnoreCase);
        IList<DacModelMessage> messages;
        try
        {
            messages = model.Validate();
        }
        catch (Exception ex) when (ex is AggregateException or ArgumentException or InvalidOperationException or NullReferenceException)
        {
            // DacFx's own rules throw on some broken models; that is a failed check, not a crash of the tool.
            return [new Diagnostic("<model>", 0, "validate-crashed", $"DacFx Validate() threw: {ex.GetBaseException().Message}; run with --dump to see the model")];
        }
        return messages.Select(message =>
        {
            var element = ElementOf(message.Message);
            var at = element is not null && elements.TryGetValue(element, out var source)
                ? source
                : new SourceLocation("<model>", 0);
            // DacFx names the procedure, not the statement: point at the line that uses the missing name.
            if (element is not null && code.TryGetValue(element, out var fragment) && LineUsing(fragment, message.Message) is { } line)
                at = at with { Line = line };
            var isError = message.MessageType == DacMessageType.Error || message.Number == UnresolvedReferenceWarning;
            // "Error validating element [x]: Procedure: [x] has ..." says the element twice.
            var text = ElementPattern().Match(message.Message) is { Success: true } m && message.Message.StartsWith("Error validating", StringComparison.Ordinal)
                ? message.Message[(m.Index + m.Length)..].TrimStart(':', ' ')
                : message.Message;
            return new Diagnostic(at.File, at.Line, $"{message.Prefix}{message.Number}", text, isError);
        });
    }

    /// <summary>The first line of the code with the last part of the name the message calls unresolved.</summary>
    private static int? LineUsing(TSqlFragment code, string message)
    {
        if (UnresolvedPattern().Match(message) is not { Success: true } m) return null;
        var name = m.Groups[1].Captures[^1].Value.Replace("]]", "]");
        for (var i = code.FirstTokenIndex; i <= code.LastTokenIndex; i++)
        {
            var token = code.ScriptTokenStream[i];
            var quoted = token.TokenType is TSqlTokenType.QuotedIdentifier or TSqlTokenType.AsciiStringOrQuotedIdentifier;
            if (!quoted && token.TokenType is not (TSqlTokenType.Identifier or TSqlTokenType.Variable)) continue;
            var text = quoted ? token.Text[1..^1] : token.Text;
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)) return token.Line;
        }
        return null;
    }

    [GeneratedRegex(@"(?:reference to object|following objects:) (?:\[((?:[^\]]|\]\])*)\]\.?)+")]
    private static partial Regex UnresolvedPattern();

    /// <summary>The element a validation message is about ("Error validating element [dbo].[x]: ...").</summary>
    private static string? ElementOf(string message) =>
        ElementPattern().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"element ((?:\[(?:[^\]]|\]\])*\]\.?)+)")]
    private static partial Regex ElementPattern();

    /// <summary>Blank lines in front, so the model's source lines are the lines of the migration file.</summary>
    private static string Padded(int line, string text) => new StringBuilder().Append('\n', Math.Max(0, line - 1)).Append(text).ToString();

    private static string Script(TSqlFragment fragment)
    {
        var generator = new Sql170ScriptGenerator(new SqlScriptGeneratorOptions { IncludeSemicolons = true });
        generator.GenerateScript(fragment, out var script);
        return script;
    }
}
