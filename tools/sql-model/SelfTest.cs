namespace SqlModel;

/// <summary>The migrations and queries of one directory.</summary>
public sealed record SqlDirectory(List<string> Migrations, string? Queries)
{
    public static SqlDirectory Read(string directory) => From(Directory.EnumerateFiles(directory, "*.sql"));

    public static SqlDirectory From(IEnumerable<string> files)
    {
        var all = files.OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();
        return new SqlDirectory(
            all.Where(f => Path.GetFileName(f) != Checker.QueriesFile).ToList(),
            all.FirstOrDefault(f => Path.GetFileName(f) == Checker.QueriesFile));
    }
}

/// <summary>
/// Negative controls. fixtures/clean is a small schema and query set that must pass. Every other fixture folder
/// is clean/ with its own files laid over it (a file of the same name replaces clean's, a new one is added): one
/// defect, which must be reported with an error containing the text of the folder's expected.txt. A control that
/// passes, or fails for another reason, means the check has stopped catching what it claims to.
/// </summary>
public static class SelfTest
{
    private const string Clean = "clean";
    private const string Expected = "expected.txt";

    public static bool Run(string fixtures)
    {
        var cleanDirectory = Path.Combine(fixtures, Clean);
        if (!Directory.Exists(cleanDirectory))
        {
            Console.WriteLine($"sql-model self-test: error: {cleanDirectory} is missing");
            return false;
        }
        var ok = true;
        var clean = Checker.Check(SqlDirectory.Read(cleanDirectory).Migrations, SqlDirectory.Read(cleanDirectory).Queries);
        if (clean.Errors > 0)
        {
            ok = false;
            Console.WriteLine($"sql-model self-test: FAILED: {cleanDirectory} must pass but has {clean.Errors} errors:");
            foreach (var d in clean.Diagnostics.Where(d => d.IsError)) Console.WriteLine($"  {d}");
        }

        var controls = Directory.EnumerateDirectories(fixtures)
            .Where(d => Path.GetFileName(d) != Clean)
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();
        var caught = 0;
        foreach (var control in controls)
        {
            var name = Path.GetFileName(control);
            var expectedFile = Path.Combine(control, Expected);
            var expected = File.Exists(expectedFile) ? File.ReadAllText(expectedFile).Trim() : "";
            if (expected.Length == 0)
            {
                ok = false;
                Console.WriteLine($"sql-model self-test: FAILED: {name} has no {Expected} naming the error it must cause");
                continue;
            }
            var files = Directory.EnumerateFiles(cleanDirectory, "*.sql")
                .Where(f => !File.Exists(Path.Combine(control, Path.GetFileName(f))))
                .Concat(Directory.EnumerateFiles(control, "*.sql"));
            var directory = SqlDirectory.From(files);
            var errors = Checker.Check(directory.Migrations, directory.Queries).Diagnostics.Where(d => d.IsError).ToList();
            var match = errors.FirstOrDefault(d => d.ToString().Contains(expected, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                caught++;
                Console.WriteLine($"sql-model self-test: caught {name} ({match.Code} at {match.File}:{match.Line})");
                continue;
            }
            ok = false;
            Console.WriteLine(errors.Count == 0
                ? $"sql-model self-test: FAILED: {name} was not caught (no errors; expected \"{expected}\")"
                : $"sql-model self-test: FAILED: {name} failed, but not with \"{expected}\":");
            foreach (var d in errors) Console.WriteLine($"  {d}");
        }
        Console.WriteLine($"sql-model self-test: {caught} of {controls.Count} negative controls caught, clean fixture {(clean.Errors == 0 ? "passed" : "FAILED")}");
        return ok;
    }
}
