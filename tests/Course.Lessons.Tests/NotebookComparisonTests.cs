using System.Text.Json.Nodes;

namespace Course.Lessons.Tests;

/// <summary>What <see cref="NotebookComparison"/> masks, what it reports, and that it reports what it must.</summary>
public sealed class NotebookComparisonTests : IDisposable
{
    readonly ScratchFolder _temp = new("course-comparison-");

    string Notebook(string name, params JsonArray[] cellOutputs)
    {
        var cells = new JsonArray(cellOutputs.Select((o, i) => (JsonNode?)new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = i + 1, ["metadata"] = new JsonObject(), ["source"] = $"cell {i + 1}", ["outputs"] = o,
        }).ToArray());
        return _temp.Write(name, new JsonObject { ["cells"] = cells, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 }.ToJsonString());
    }

    static JsonObject Stream(string name, string text) => new() { ["output_type"] = "stream", ["name"] = name, ["text"] = text };

    static JsonObject Display(string mime, string text, string type = "display_data") =>
        new() { ["output_type"] = type, ["data"] = new JsonObject { [mime] = text }, ["metadata"] = new JsonObject() };

    static JsonObject Error(string value) => new() { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = value, ["traceback"] = new JsonArray() };

    NotebookComparisonResult Compare(JsonArray[] left, JsonArray[] right, params string[] roots) =>
        NotebookComparison.Compare("n", "course run", Notebook("left.ipynb", left), "nbclient", Notebook("right.ipynb", right), roots);

    [Theory]
    [InlineData("Wall time: 12.3ms", "Wall time: 57.6818ms")]
    [InlineData("id='a7c3e1f2-9b4d-4e6f-8a1b-2c3d4e5f6a7b'", "id='0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b'")]
    [InlineData("div id=\"a7c3e1f29b4d4e6f8a1b2c3d4e5f6a7b\"", "div id=\"0f9e8d7c6b5a49388271605f4e3d2c1b\"")]
    [InlineData("at /tmp/course-lessons-abc/notebooks/x.cs:line 3", "at /tmp/course-lessons-xyz/notebooks/x.cs:line 3")]
    [InlineData("a\r\nb", "a\nb")]
    public void Compare_WhatDiffersFromRunToRun_IsMasked(string left, string right)
    {
        var result = Compare([[Stream("stdout", left)]], [[Stream("stdout", right)]]);

        Assert.True(result.Cells.Single().Equal, result.Report());
    }

    [Fact]
    public void Compare_TheRunsRoots_AreMaskedAsRoot()
    {
        Assert.Equal("see <root>/data and <root>/data", NotebookComparison.Mask("see /work/a/data and /srv/b/data", ["/work/a", "/srv/b/"]));
    }

    [Fact]
    public void Compare_DifferentText_IsReportedWithTheFieldAndWhereTheTextsPart()
    {
        var result = Compare([[Display("text/plain", "loss 0.25")]], [[Display("text/plain", "loss 0.5")]]);

        var difference = Assert.Single(result.AllDifferences);
        Assert.Equal((1, "output 1 display_data(text/plain): text/plain"), (difference.Cell, difference.What));
        Assert.Contains("from character 7", difference.Detail); // "loss 0." in common
        Assert.Contains("loss 0.25", difference.Detail);
        Assert.Equal(0, result.EqualCells);
    }

    [Fact]
    public void Compare_DifferentOutputShapes_NameBothSidesOutputs()
    {
        var result = Compare([[Error("CS1061")]], [[Display("text/html", "<b>x</b>")], [Display("text/plain", "1", "execute_result")]]);

        Assert.Equal("cell count", result.NotebookDifferences.Single().What);
        Assert.Equal("outputs: course run [error] vs nbclient [display_data(text/html)]", result.Cells.Single().Differences.Single().What);
    }

    [Fact]
    public void Compare_ExecuteResultAgainstDisplayData_IsADifference()
    {
        var result = Compare([[Display("text/plain", "1")]], [[Display("text/plain", "1", "execute_result")]]);

        Assert.Equal("output 1: course run display_data(text/plain) vs nbclient execute_result(text/plain)", result.AllDifferences.Single().What);
    }

    [Fact]
    public void Compare_AfterAnOutputTypeDifference_TheContentIsStillCompared()
    {
        var result = Compare([[Display("text/plain", "1")]], [[Display("text/plain", "2", "execute_result")]]);

        Assert.Equal(["output 1: course run display_data(text/plain) vs nbclient execute_result(text/plain)", "output 1 display_data(text/plain): text/plain"],
                     result.AllDifferences.Select(d => d.What));
    }

    [Fact]
    public void Compare_JsonContent_IsComparedAsAJsonValue()
    {
        var sorted = new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                                      ["data"] = new JsonObject { ["application/json"] = JsonNode.Parse("{\"a\":0,\"b\":[1.5]}") } };
        var asSent = new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                                      ["data"] = new JsonObject { ["application/json"] = JsonNode.Parse("{\"b\":[1.50],\"a\":-0.0}") } };
        var other = new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                                     ["data"] = new JsonObject { ["application/json"] = JsonNode.Parse("{\"b\":[1.5],\"a\":1}") } };

        Assert.True(Compare([[sorted]], [[asSent]]).Cells.Single().Equal);
        Assert.Equal("output 1 display_data(application/json): application/json", Compare([[sorted.DeepClone()]], [[other]]).AllDifferences.Single().What);
    }

    [Theory]
    [InlineData("elapsed: 3.60 s\n", "elapsed: 9.07 s\n")]
    [InlineData("3 runs in 3.2 s, 42,512 training tokens/s\n", "3 runs in 8.2 s, 13,997 training tokens/s\n")]
    public void Compare_DurationsAndSpeedsACellPrints_AreMasked(string left, string right)
    {
        Assert.True(Compare([[Stream("stdout", left)]], [[Stream("stdout", right)]]).Cells.Single().Equal);
        Assert.False(Compare([[Stream("stdout", left)]], [[Stream("stdout", left.Replace("s", "steps"))]]).Cells.Single().Equal);
    }

    [Fact]
    public void Compare_ErrorValue_IsCompared_ButNotTheTraceback()
    {
        var right = Error("boom");
        right["traceback"] = new JsonArray("at line 1");
        Assert.True(Compare([[Error("boom")]], [[right]]).Cells.Single().Equal);
        Assert.Equal("output 1 error: evalue", Compare([[Error("boom")]], [[Error("bang")]]).AllDifferences.Single().What);
    }

    [Fact]
    public void Compare_StreamChunks_AreJoined_ButStdoutAndStderrAreNot()
    {
        Assert.True(Compare([[Stream("stdout", "a\nb\n")]], [[Stream("stdout", "a\n"), Stream("stdout", "b\n")]]).Cells.Single().Equal);
        Assert.False(Compare([[Stream("stdout", "a\n")]], [[Stream("stderr", "a\n")]]).Cells.Single().Equal);
    }

    [Fact]
    public void Compare_TheFrontDoorsBootstrapScript_IsOneDifferenceOfItsOwn()
    {
        var script = Display("text/html", "<div id='dotnet-interactive-this-cell-$CACHE_BUSTER$'></div><script>async function probeAddresses(a) {}</script>");

        var result = Compare([[Stream("stdout", "hi\n")]], [[script, Stream("stdout", "hi\n")]]);

        Assert.Equal($"nbclient only: {NotebookComparison.BootstrapScript}", result.AllDifferences.Single().What);
    }

    public void Dispose() => _temp.Dispose();
}
