using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary>
/// Every value of the canonical notebooks replaced, one at a time, by a value of another JSON type: reading either
/// succeeds or throws NotebookFormatException naming the file, never another exception (an engine stack trace).
/// </summary>
public class WrongShapeSweepTests
{
    static readonly Func<JsonNode?>[] Replacements =
        [() => null, () => 7, () => -1.5, () => "text", () => true, () => new JsonArray(), () => new JsonArray(1, "x"), () => new JsonObject()];

    [Theory]
    [InlineData("canonical.ipynb")]
    [InlineData("kernel-line.ipynb")]
    [InlineData("legacy.ipynb")]
    public void ParseIpynb_AnyValueOfAnotherType_FailsOnlyWithNotebookFormatException(string name)
    {
        var original = JsonNode.Parse(Corpus.Text(name))!;
        var failures = new List<string>();
        var tried = 0;

        foreach (var (path, _) in Walk(original))
        {
            foreach (var replacement in Replacements)
            {
                var copy = original.DeepClone();
                Replace(copy, path, replacement());
                tried++;
                try
                {
                    var notebook = NotebookFile.ParseIpynb(copy.ToJsonString(), name);
                    NotebookFile.ToIpynb(notebook);
                    NotebookFile.ToDib(notebook);
                }
                catch (NotebookFormatException e) when (e.Path == name) { }
                catch (Exception e)
                {
                    failures.Add($"{path} = {replacement()?.ToJsonString() ?? "null"}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.True(tried > 100, $"only {tried} variants tried");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} variants failed otherwise, first ones:\n" + string.Join("\n", failures.Take(5)));
    }

    [Fact]
    public void ParseDib_AnyMetaValueOfAnotherType_FailsOnlyWithNotebookFormatException()
    {
        var text = Corpus.Text("canonical.dib");
        var lines = text.Split('\n');
        var meta = JsonNode.Parse(lines[2])!;
        var failures = new List<string>();

        foreach (var (path, _) in Walk(meta))
        {
            foreach (var replacement in Replacements)
            {
                var copy = meta.DeepClone();
                Replace(copy, path, replacement());
                lines[2] = copy.ToJsonString();
                try
                {
                    NotebookFile.ToIpynb(NotebookFile.ParseDib(string.Join("\n", lines), "sweep.dib"));
                }
                catch (NotebookFormatException e) when (e.Path == "sweep.dib") { }
                catch (Exception e)
                {
                    failures.Add($"{path} = {replacement()?.ToJsonString() ?? "null"}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    /// <summary>Every node below the root, with a path of object keys and array indexes.</summary>
    static IEnumerable<(List<object> Path, JsonNode? Node)> Walk(JsonNode? node)
    {
        var stack = new Stack<(List<object>, JsonNode?)>();
        stack.Push(([], node));
        while (stack.Count > 0)
        {
            var (path, current) = stack.Pop();
            if (path.Count > 0) yield return (path, current);
            if (current is JsonObject obj)
                foreach (var (key, child) in obj) stack.Push(([.. path, key], child));
            else if (current is JsonArray array)
                for (var i = 0; i < array.Count; i++) stack.Push(([.. path, i], array[i]));
        }
    }

    static void Replace(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = root;
        foreach (var step in path.SkipLast(1)) parent = step is string key ? parent[key]! : parent[(int)step]!;
        if (path[^1] is string last) parent[last] = value;
        else parent[(int)path[^1]] = value;
    }
}
