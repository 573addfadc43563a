using System.Diagnostics;
using System.Text.Json;

namespace Course.Tests.Shared;

/// <summary>
/// Validates notebooks with the reference implementation: Jupyter's nbformat (Debian's python3-nbformat, run by
/// /usr/bin/python3, installed by scripts/install-test-deps.sh), against the schema of each file's own nbformat version,
/// on the file's JSON exactly as written (nothing repaired first).
/// </summary>
public static class NbformatValidator
{
    const string Script = """
        import json, sys, nbformat
        result = {}
        for path in sys.argv[1:]:
            try:
                # the file's JSON as it is: nbformat.read() would add missing cell ids before validating
                with open(path, encoding="utf-8") as f:
                    nb = json.load(f)
                nbformat.validate(nb, repair_duplicate_cell_ids=False)
                result[path] = None
            except Exception as e:
                result[path] = type(e).__name__ + ": " + str(e)[:2000]
        print(json.dumps(result))
        """;

    /// <summary>Each path's validation error, or null when nbformat finds the notebook valid.</summary>
    public static IReadOnlyDictionary<string, string?> Validate(IEnumerable<string> paths)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var path in paths) start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"/usr/bin/python3 could not validate the notebooks (is python3-nbformat installed? scripts/install-test-deps.sh): {stderr.Result}");
        return JsonSerializer.Deserialize<Dictionary<string, string?>>(stdout)!;
    }

    /// <summary>Fails with every invalid notebook and nbformat's reason.</summary>
    public static void AssertValid(IEnumerable<string> paths)
    {
        var list = paths.ToList();
        Assert.NotEmpty(list);
        var errors = Validate(list).Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}: {kv.Value}").ToList();
        Assert.True(errors.Count == 0, "nbformat rejects:\n" + string.Join("\n", errors));
    }
}
