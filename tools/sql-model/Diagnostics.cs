using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace SqlModel;

/// <summary>One finding, printed as "file:line: error CODE: message" (or "warning").</summary>
public sealed record Diagnostic(string File, int Line, string Code, string Message, bool IsError = true)
{
    public override string ToString() =>
        $"{File}:{Line}: {(IsError ? "error" : "warning")} {Code}: {Message.ReplaceLineEndings(" ").Trim()}";
}

/// <summary>Rule codes of the checks DacFx does not make itself.</summary>
public static class Rules
{
    public const string Parse = "parse-error";
    public const string Unsupported = "unsupported-statement";
    public const string Fold = "fold-error";
    public const string KeyOnMaxColumn = "key-on-max-column";
    public const string KeyTooWide = "key-too-wide";
    public const string MultipleCascadePaths = "multiple-cascade-paths";
    public const string NotNullWithoutDefault = "not-null-without-default";
    public const string OutputWithoutInto = "output-without-into";
    public const string BoundFunction = "function-bound-to-policy";
}

/// <summary>Where a statement came from.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public Diagnostic Error(string code, string message) => new(File, Line, code, message);
}

public static class Names
{
    /// <summary>A case-insensitive key for a schema-qualified name ("dbo" when the schema is left out).</summary>
    public static string Key(SchemaObjectName name) =>
        $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}".ToLowerInvariant();

    public static string Display(SchemaObjectName name) =>
        $"[{name.SchemaIdentifier?.Value ?? "dbo"}].[{name.BaseIdentifier.Value}]";
}
