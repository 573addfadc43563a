using System.Globalization;
using System.Xml.Linq;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>Writes a JUnit XML report of a <c>course run</c>: one test case per notebook, failed with its first failing cell.</summary>
public static class JUnitReport
{
    public static XDocument Create(IReadOnlyList<NotebookRunResult> results, string suiteName = "course run")
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var total = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Succeeded && r.Problem is null)),
            new XAttribute("errors", results.Count(r => r.Problem is not null)),
            new XAttribute("time", Seconds(total)));
        foreach (var result in results)
        {
            var testCase = new XElement("testcase",
                new XAttribute("classname", "notebooks"),
                new XAttribute("name", result.Path),
                new XAttribute("time", Seconds(result.Duration)));
            if (result.Problem is { } problem)
                testCase.Add(new XElement("error", new XAttribute("message", problem), problem));
            else if (result.FirstFailure is { } cell)
            {
                var where = cell.ErrorLine is int line ? $"cell {cell.Number}, line {line}" : $"cell {cell.Number}";
                var status = cell.Status.ToString().ToLowerInvariant();
                testCase.Add(new XElement("failure",
                    new XAttribute("message", $"{where}: {cell.Message}"),
                    new XAttribute("type", status),
                    cell.ErrorText));
            }
            var output = string.Join("\n", result.Cells.Select(c =>
                $"cell {c.Number}: {c.Status.ToString().ToLowerInvariant()} ({Seconds(c.Duration)} s)"));
            testCase.Add(new XElement("system-out", output));
            suite.Add(testCase);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
    }

    public static void Write(IReadOnlyList<NotebookRunResult> results, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        Create(results).Save(writer);
    }

}
