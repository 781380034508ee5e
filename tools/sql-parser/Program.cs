// sql-parser: validates T-SQL scripts with Microsoft's own parser (ScriptDom).
//
//   dotnet run --project tools/sql-parser -- <file-or-dir> [more...]
//   dotnet tools/sql-parser/bin/Release/net10.0/SqlParser.dll <file-or-dir> [more...]
//   ... --stdin < script.sql
//
// Output: one "path:line:column: error SQLnnnnn: message" line per parse error,
// then "sql-parser: F files, S statements, E errors".
// Exit code: 0 = no errors, 1 = parse errors, 2 = usage or I/O error.

using System.Text;
using Microsoft.SqlServer.TransactSql.ScriptDom;

const string StdinName = "<stdin>";
const string Usage =
    "usage: sql-parser [--parser 160|170|180] [--stdin] [--] <file-or-dir> [more...]\n" +
    "  A directory means every *.sql file under it (recursively), sorted.\n" +
    "  --stdin      also parse one script read from standard input (named <stdin>)\n" +
    "  --parser N   T-SQL grammar version (default 180, with the Azure SQL Database engine type)\n" +
    "exit code: 0 no errors, 1 parse errors, 2 usage or I/O error";

var inputs = new List<string>();
var useStdin = false;
var parserVersion = "180";
var optionsEnded = false;

for (var i = 0; i < args.Length; i++)
{
    var arg = args[i];
    if (optionsEnded || !arg.StartsWith('-'))
    {
        inputs.Add(arg);
        continue;
    }

    switch (arg)
    {
        case "--":
            optionsEnded = true;
            break;
        case "--stdin":
            useStdin = true;
            break;
        case "--parser":
            if (i + 1 >= args.Length)
            {
                return UsageError("--parser needs a value");
            }
            parserVersion = args[++i];
            break;
        case "-h":
        case "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            return UsageError($"unknown option '{arg}'");
    }
}

if (inputs.Count == 0 && !useStdin)
{
    return UsageError("no input files or directories given");
}

TSqlParser parser;
switch (parserVersion)
{
    case "160": parser = new TSql160Parser(true, SqlEngineType.SqlAzure); break;
    case "170": parser = new TSql170Parser(true, SqlEngineType.SqlAzure); break;
    case "180": parser = new TSql180Parser(true, SqlEngineType.SqlAzure); break;
    default: return UsageError($"unsupported --parser '{parserVersion}' (use 160, 170 or 180)");
}

// Expand the inputs into an ordered, de-duplicated list of files.
var files = new List<string>();
var seen = new HashSet<string>(StringComparer.Ordinal);
var ioFailure = false;

foreach (var input in inputs)
{
    if (Directory.Exists(input))
    {
        List<string> found;
        try
        {
            found = Directory.EnumerateFiles(input, "*.sql", SearchOption.AllDirectories)
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{input}: error: cannot list directory: {ex.Message}");
            ioFailure = true;
            continue;
        }

        if (found.Count == 0)
        {
            Console.Error.WriteLine($"{input}: warning: no *.sql files found");
        }

        foreach (var file in found)
        {
            if (seen.Add(Path.GetFullPath(file)))
            {
                files.Add(file);
            }
        }
    }
    else if (File.Exists(input))
    {
        if (seen.Add(Path.GetFullPath(input)))
        {
            files.Add(input);
        }
    }
    else
    {
        Console.Error.WriteLine($"{input}: error: no such file or directory");
        ioFailure = true;
    }
}

var fileCount = 0;
var statementCount = 0;
var errorCount = 0;

if (useStdin)
{
    string text;
    using (var reader = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
    {
        text = reader.ReadToEnd();
    }
    Check(StdinName, text);
}

foreach (var file in files)
{
    string text;
    try
    {
        // Detects UTF-8/UTF-16/UTF-32 byte order marks; UTF-8 otherwise.
        text = File.ReadAllText(file);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"{file}: error: cannot read file: {ex.Message}");
        ioFailure = true;
        continue;
    }
    Check(file, text);
}

Console.WriteLine($"sql-parser: {fileCount} files, {statementCount} statements, {errorCount} errors");

if (ioFailure)
{
    return 2;
}
return errorCount > 0 ? 1 : 0;

void Check(string name, string text)
{
    fileCount++;
    IList<ParseError> errors;
    TSqlFragment? fragment;
    using (var reader = new StringReader(text))
    {
        fragment = parser.Parse(reader, out errors);
    }

    if (fragment is TSqlScript script)
    {
        foreach (var batch in script.Batches)
        {
            statementCount += batch.Statements.Count;
        }
    }

    foreach (var error in errors)
    {
        errorCount++;
        var message = error.Message.ReplaceLineEndings(" ").Trim();
        Console.WriteLine($"{name}:{error.Line}:{error.Column}: error SQL{error.Number}: {message}");
    }
}

static int UsageError(string message)
{
    Console.Error.WriteLine($"sql-parser: {message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
