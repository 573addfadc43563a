using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Course.Notebooks.Documents;

namespace Course.Lessons.Tests;

/// <summary>
/// The stored key notebooks, read as files: Polyglot metadata, no saved outputs, pinned package versions equal to the
/// library's, the house skeleton (reference cell, usings cell, parameters cell for MNIST), and a lossless .dib round trip.
/// </summary>
public class NotebookFormatTests
{
    static JsonObject Json(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CourseFolders.Notebooks, name + ".ipynb")))!.AsObject();

    static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string)l!)),
        JsonNode text => (string)text!,
        null => "",
    };

    static List<string> CodeSources(string name) =>
        Json(name)["cells"]!.AsArray().Where(c => (string)c!["cell_type"]! == "code").Select(c => Source(c!)).ToList();

    [Fact]
    public void Course_HasConsecutivelyNumberedNotebooksFrom00_WithTheConvergenceNotebookAs08()
    {
        var names = CourseFolders.NotebookNames();
        var numbers = names.Select(n => n[..2]).ToArray();
        Assert.Equal(Enumerable.Range(0, numbers.Length).Select(i => i.ToString("00")), numbers);
        Assert.Contains("08-why-momentum-converges", names);
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_HasPolyglotMetadataAndNbformat45(string name)
    {
        var json = Json(name);
        Assert.Equal(4, (int)json["nbformat"]!);
        Assert.Equal(5, (int)json["nbformat_minor"]!);
        var metadata = json["metadata"]!;
        Assert.Equal(".net-csharp", (string?)metadata["kernelspec"]?["name"]);
        Assert.Equal(".NET (C#)", (string?)metadata["kernelspec"]?["display_name"]);
        Assert.Equal("C#", (string?)metadata["kernelspec"]?["language"]);
        Assert.Equal("polyglot-notebook", (string?)metadata["language_info"]?["name"]);
        var kernelInfo = metadata["polyglot_notebook"]?["kernelInfo"];
        Assert.Equal("csharp", (string?)kernelInfo?["defaultKernelName"]);
        Assert.Contains(kernelInfo!["items"]!.AsArray(), item => (string?)item!["name"] == "csharp");
        foreach (var cell in json["cells"]!.AsArray())
        {
            var type = (string)cell!["cell_type"]!;
            Assert.True(type is "code" or "markdown", $"{name}: unexpected cell_type '{type}'");
            if (type == "code")
                Assert.Equal("csharp", (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"]);
        }
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_IsStoredWithoutOutputs(string name)
    {
        foreach (var cell in Json(name)["cells"]!.AsArray().Where(c => (string)c!["cell_type"]! == "code"))
        {
            Assert.True(cell!["outputs"] is JsonArray { Count: 0 }, $"{name}: a code cell has saved outputs:\n{Source(cell)}");
            Assert.True(cell["execution_count"] is null, $"{name}: a code cell has an execution count:\n{Source(cell)}");
        }
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_PinsEveryPackageToTheLibrarysVersion(string name)
    {
        var library = XDocument.Load(CourseFolders.LibraryProject).Descendants("PackageReference")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        var references = CodeSources(name).SelectMany(s => Regex.Matches(s, "#r \"nuget:\\s*(?<id>[^,\"]+?)\\s*(,\\s*(?<version>[^\"]*?))?\\s*\""))
            .ToList();
        Assert.Superset(new HashSet<string> { "MathNet.Numerics", "XPlot.Plotly" }, references.Select(m => m.Groups["id"].Value).ToHashSet());
        foreach (var reference in references)
        {
            var id = reference.Groups["id"].Value;
            Assert.True(library.ContainsKey(id), $"{name}: #r \"nuget: {id}\" is not a package of lib/Course/Course.csproj.");
            Assert.True(reference.Groups["version"].Success, $"{name}: #r \"nuget: {id}\" has no version.");
            Assert.Equal(library[id], reference.Groups["version"].Value);
        }
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_StartsWithTheReferenceCellThenAUsingsCell(string name)
    {
        var code = CodeSources(name);
        var references = code[0].TrimEnd().Split('\n');   // the two every notebook uses, any others it needs (09: the tokenizer), the library
        Assert.Equal(["#r \"nuget: XPlot.Plotly, 4.1.0\"", "#r \"nuget: MathNet.Numerics, 5.0.0\""], references[..2]);
        Assert.All(references[2..^1], line => Assert.StartsWith("#r \"nuget: ", line));
        Assert.Equal("#r \"../artifacts/bin/Course/release/Course.dll\"", references[^1]);
        Assert.All(code[1].TrimEnd().Split('\n'), line => Assert.Matches(@"^using [A-Za-z.]+;$", line));
        var markdown = string.Concat(Json(name)["cells"]!.AsArray().Where(c => (string)c!["cell_type"]! == "markdown").Select(c => Source(c!)));
        Assert.StartsWith("# " + name[..2] + " ·", markdown);
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_LinksOnlyToNotebooksThatExist(string name)
    {
        var markdown = string.Concat(Json(name)["cells"]!.AsArray().Where(c => (string)c!["cell_type"]! == "markdown").Select(c => Source(c!)));
        var links = Regex.Matches(markdown, @"\]\((?<target>[^)#]+\.ipynb)\)").Select(m => m.Groups["target"].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, target => Assert.True(File.Exists(Path.Combine(CourseFolders.Notebooks, target)), $"{name} links to missing {target}"));
    }

    [Fact]
    public void MnistNotebooks_HaveAParametersCellWithFiveEpochsByDefault()
    {
        foreach (var name in CourseFolders.MnistNotebooks)
        {
            var parameters = CodeSources(name).Where(s => s.StartsWith("// parameters\n")).ToList();
            Assert.True(parameters.Count == 1, $"{name}: expected one cell starting with // parameters, found {parameters.Count}");
            Assert.Contains("var epochs = 5;", parameters[0]);
            Assert.Matches(@"var seed = \d+;", parameters[0]);
        }
    }

    [Theory]
    [InlineData("01-the-problem-with-gradient-descent")]
    [InlineData("02-the-velocity-series")]
    [InlineData("03-momentum-from-scratch")]
    [InlineData("04-the-library-optimizer")]
    [InlineData("05-sgd-with-and-without-momentum")]
    [InlineData("06-nesterov-accelerated-gradient")]
    [InlineData("07-seeing-it")]
    [InlineData("08-why-momentum-converges")]
    public void Notebook_HasAGradedExerciseWithVisibleAndHiddenTests(string name)
    {
        var code = CodeSources(name);
        var exercises = code.Where(s => s.StartsWith("// EXERCISE ")).ToList();
        Assert.NotEmpty(exercises);
        foreach (var exercise in exercises)
        {
            var id = Regex.Match(exercise, @"^// EXERCISE (?<id>\S+) \(\d+ points?\)").Groups["id"].Value;
            Assert.False(id == "", $"{name}: bad EXERCISE line in\n{exercise}");
            Assert.Contains("// BEGIN SOLUTION", exercise);
            var test = code.SingleOrDefault(s => s.StartsWith($"// TEST {id}\n"));
            Assert.True(test is not null, $"{name}: exercise {id} has no // TEST {id} cell");
            Assert.Contains("// BEGIN HIDDEN TESTS", test);
            Assert.Contains("Check.", test.Split("// BEGIN HIDDEN TESTS")[0]);
        }
        // A cell after an exercise may call the student's answer (the student version stubs it), so the text introducing
        // every cell that calls an exercise's function names that exercise: "exercise `id`".
        var functions = exercises.Select(e => (
            Id: Regex.Match(e, @"^// EXERCISE (?<id>\S+)").Groups["id"].Value,
            Name: Regex.Match(string.Join("\n", e.Split('\n').Where(l => !l.TrimStart().StartsWith("//"))), @"(?<name>\w+)\s*\(").Groups["name"].Value)).ToList();
        string introduction = "";
        foreach (var cell in Json(name)["cells"]!.AsArray())
        {
            string source = Source(cell!);
            if ((string)cell!["cell_type"]! == "markdown") { introduction = source; continue; }
            if (Regex.IsMatch(source, @"^// (EXERCISE|TEST) ")) continue;
            foreach (var (id, function) in functions.Where(f => Regex.IsMatch(source, $@"\b{f.Name}\s*\(")))
                Assert.True(introduction.Contains($"exercise `{id}`"),
                    $"{name}: this cell calls {function}, the answer to exercise {id}, but the text before it does not say so (\"exercise `{id}`\"):\n{source}");
        }
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_SurvivesARoundTripThroughDib(string name)
    {
        var path = Path.Combine(CourseFolders.Notebooks, name + ".ipynb");
        var original = NotebookFile.Read(path);
        var dib = NotebookFile.ToDib(original);
        var back = NotebookFile.ParseDib(dib, name + ".dib");
        Assert.Equal(original.Cells.Select(c => (c.Kind, c.KernelName, c.Source)), back.Cells.Select(c => (c.Kind, c.KernelName, c.Source)));
        Assert.Equal(File.ReadAllText(path), NotebookFile.ToIpynb(back));
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_IsStoredInTheLayoutNotebookFileWrites(string name)
    {
        var path = Path.Combine(CourseFolders.Notebooks, name + ".ipynb");
        Assert.Equal(NotebookFile.ToIpynb(NotebookFile.Read(path)), File.ReadAllText(path));
    }
}
