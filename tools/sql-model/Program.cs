// sql-model: checks the T-SQL in sql/ against a DacFx model of the Azure SQL database the migrations build.
//
//   dotnet tools/sql-model/bin/Release/net10.0/SqlModel.dll sql [--self-test tools/sql-model/fixtures]
//
// A directory holds migrations (every *.sql but queries.sql, applied in ordinal name order) and queries.sql (one
// repository operation per batch). Output: one "file:line: error CODE: message" line per finding, then
// "sql-model: ..." per directory. --self-test runs the negative controls (see README.md).
// Exit code: 0 = no errors and every control caught, 1 = errors or a control not caught, 2 = usage or I/O error.

using SqlModel;

const string Usage =
    "usage: sql-model [<dir>...] [--self-test <fixtures-dir>] [--dump <file>]\n" +
    "  <dir>                 migrations (*.sql but queries.sql, in name order) and queries.sql to check\n" +
    "  --self-test <dir>     every fixture under <dir> other than clean/ is clean/ plus one defect and must fail\n" +
    "                        with the text in its expected.txt; clean/ must pass\n" +
    "  --dump <file>         write the folded schema and the query procedures as loaded into the model\n" +
    "exit code: 0 ok, 1 errors or a negative control not caught, 2 usage or I/O error";

var directories = new List<string>();
string? fixtures = null;
string? dump = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--self-test" when i + 1 < args.Length:
            fixtures = args[++i];
            break;
        case "--dump" when i + 1 < args.Length:
            dump = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        case var option when option.StartsWith('-'):
            return UsageError($"unknown option or missing value '{option}'");
        default:
            directories.Add(args[i]);
            break;
    }
}
if (directories.Count == 0 && fixtures is null) return UsageError("nothing to check");
if (directories.Concat(fixtures is null ? [] : [fixtures]).FirstOrDefault(d => !Directory.Exists(d)) is { } missing)
    return UsageError($"no such directory: {missing}");

var failed = false;
foreach (var directory in directories)
{
    var files = SqlDirectory.Read(directory);
    using var dumpWriter = dump is null ? null : new StreamWriter(dump);
    var result = Checker.Check(files.Migrations, files.Queries, dumpWriter);
    foreach (var diagnostic in result.Diagnostics) Console.WriteLine(diagnostic);
    Console.WriteLine($"sql-model: {directory}: {result.Migrations} migrations folded into {result.Objects} objects, {result.Procedures} queries as procedures, {result.Errors} errors");
    failed |= result.Errors > 0;
}
if (fixtures is not null) failed |= !SelfTest.Run(fixtures);
return failed ? 1 : 0;

static int UsageError(string message)
{
    Console.Error.WriteLine($"sql-model: {message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
