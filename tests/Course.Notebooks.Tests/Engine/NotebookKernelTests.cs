using Course.Notebooks.Documents;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

/// <summary>The real kernel in process, as the kernel process hosts it: Polyglot's scope, trailing expressions, console capture, display and errors.</summary>
[Collection(InProcessKernels.Name)]
public sealed class NotebookKernelTests
{
    static KernelSession Session() => new();

    static IReadOnlyDictionary<string, string> OnlyDisplay(List<KernelOutput> outputs) =>
        Assert.IsType<DisplayedOutput>(Assert.Single(outputs)).Data;

    [Fact]
    public async Task Submit_CellsShareState_InOrder()
    {
        var session = Session();
        await session.RunAsync("var velocity = 0.0;");
        await session.RunAsync("velocity = 0.9 * velocity + 0.1;");
        var (outcome, outputs) = await session.RunAsync("velocity");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Contains("<pre>0.1</pre>", OnlyDisplay(outputs)["text/html"]);
    }

    [Fact]
    public async Task Submit_TrailingStringWithoutSemicolon_IsPlainText()
    {
        var (_, outputs) = await Session().RunAsync("var name = \"momentum\";\n$\"{name} wins\"");
        var data = OnlyDisplay(outputs);
        Assert.Equal(["text/plain"], data.Keys);
        Assert.Equal("momentum wins", data["text/plain"]);
    }

    [Fact]
    public async Task Submit_TrailingValueWithoutSemicolon_IsHtmlFromTheFormatter()
    {
        var (_, outputs) = await Session().RunAsync("6 * 7");
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", OnlyDisplay(outputs)["text/html"]);
    }

    [Theory]
    [InlineData("var answer = 6 * 7;")]       // a statement: nothing shown
    [InlineData("Console.Out.Flush()")]       // a void call without semicolon: nothing shown
    [InlineData("await Task.Delay(1)")]       // awaiting a Task: void
    public async Task Submit_StatementOrVoidExpression_DisplaysNothing(string code)
    {
        var (outcome, outputs) = await Session().RunAsync(code);
        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Empty(outputs);
    }

    [Fact]
    public async Task Submit_DefaultUsings_AreInScope()
    {
        var (outcome, outputs) = await Session().RunAsync(
            "var list = new List<int> { 3, 1 }; var sb = new StringBuilder(); sb.Append(list.Max()); IEnumerable e = list; await Task.Yield();\nsb.ToString()");
        Assert.Null(outcome.ErrorText);
        Assert.Equal("3", OnlyDisplay(outputs)["text/plain"]);
    }

    [Fact]
    public async Task Submit_ConsoleWrites_AreStreamsInTheOrderWritten()
    {
        var (_, outputs) = await Session().RunAsync(
            "Console.Write(\"a\"); Console.WriteLine(\"b\"); Console.Error.WriteLine(\"oops\"); Console.Write(\"tail\");");
        // one event per write, as the kernel publishes them; the runner merges neighbours of one stream (OutputCollectorTests)
        Assert.Equal("a|b\n|oops\n|tail", string.Join("|", outputs.Cast<StreamedOutput>().Select(o => o.Text)));
        Assert.Equal("stdout stdout stderr stdout", string.Join(" ", outputs.Cast<StreamedOutput>().Select(o => o.Name)));
    }

    [Fact]
    public async Task Display_Update_OfTheHelpersValue_AddsAnOutput_AsVSCodeShowsIt()
    {
        // Kernel.display(x) (and x.Display()) publish one DisplayedValue and return another with a new id
        // (Microsoft.DotNet.Interactive.Formatting/DisplayExtensions.cs), so its Update names an id no output has:
        // VS Code's Polyglot front end then adds the update as a new output, and so does the engine.
        var (_, outputs) = await Session().RunAsync(
            "var shown = display(\"epoch 1\");\nshown.Update(\"epoch 2\");\n\"done\".Display();");
        var first = Assert.IsType<DisplayedOutput>(outputs[0]);
        var update = Assert.IsType<DisplayedOutput>(outputs[1]);
        Assert.False(first.IsUpdate);
        Assert.True(update.IsUpdate);
        Assert.NotEqual(first.DisplayId, update.DisplayId);
        Assert.Equal("epoch 2", update.Data["text/plain"]);
        Assert.Equal("done", Assert.IsType<DisplayedOutput>(outputs[2]).Data["text/plain"]);
    }

    [Fact]
    public async Task Display_UpdateThroughTheInvocationContext_NamesTheSameDisplayId()
    {
        var (_, outputs) = await Session().RunAsync(
            "var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(Microsoft.DotNet.Interactive.KernelInvocationContext.Current, \"epoch 1\");\nshown.Update(\"epoch 2\");");
        var first = Assert.IsType<DisplayedOutput>(outputs[0]);
        var update = Assert.IsType<DisplayedOutput>(outputs[1]);
        Assert.True(update.IsUpdate);
        Assert.Equal(first.DisplayId, update.DisplayId);
        Assert.Equal("epoch 2", update.Data["text/plain"]);
    }

    [Fact]
    public async Task Html_CssAndJavascript_AreDisplayedAsThePageNeedsThem()
    {
        var (_, outputs) = await Session().RunAsync("CSS(\"b { }\"); Javascript(\"f()\");\nHTML(\"<b>x</b>\")");
        var html = outputs.Cast<DisplayedOutput>().Select(o => o.Data["text/html"]).ToList();
        Assert.Equal(3, html.Count);
        Assert.StartsWith("<script type=\"text/javascript\">", html[0]);  // CSS(...) is a script that adds the style to the page
        Assert.Contains("b { }", html[0]);
        Assert.Equal("<script type=\"text/javascript\">f()</script>", html[1]);
        Assert.Equal("<b>x</b>", html[2]);
    }

    [Fact]
    public async Task Display_WithMimeType_UsesIt()
    {
        var (_, outputs) = await Session().RunAsync("display(12, \"text/plain\");");
        Assert.Equal("12", OnlyDisplay(outputs)["text/plain"]);
    }

    [Fact]
    public async Task Submit_CompileError_ListsDiagnosticsWithLinesOfTheCellAsWritten()
    {
        var (outcome, _) = await Session().RunAsync("var a = 1;\nvar b = a + missing;\nint c = \"s\";");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Contains("(2,13): error CS0103: The name 'missing' does not exist in the current context", outcome.ErrorText);
        Assert.Contains("(3,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", outcome.ErrorText);
        Assert.Equal(2, outcome.ErrorLine);
    }

    [Fact]
    public async Task Submit_Throw_GivesExceptionTextAndLine_AndKeepsEarlierState()
    {
        var session = Session();
        var (outcome, _) = await session.RunAsync("var kept = 7;\n\nthrow new InvalidOperationException(\"negative learning rate\");");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.StartsWith("System.InvalidOperationException: negative learning rate", outcome.ErrorText);
        Assert.Contains("at Submission#", outcome.ErrorText);   // Polyglot's text: the script's frames, no temp paths
        Assert.Null(outcome.ErrorLine);

        var (next, outputs) = await session.RunAsync("kept + 1");
        Assert.Equal(CellStatus.Ok, next.Status);
        Assert.Contains("<pre>8</pre>", OnlyDisplay(outputs)["text/html"]);
    }

    [Fact]
    public async Task Submit_AfterCompileError_PreviousStateStillUsable()
    {
        var session = Session();
        await session.RunAsync("var gamma = 0.9;");
        await session.RunAsync("gamma = ;");
        var (outcome, outputs) = await session.RunAsync("1 / (1 - gamma)");
        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Contains("<pre>10.000000000000002</pre>", OnlyDisplay(outputs)["text/html"]);
    }

    [Fact]
    public async Task ReferenceAndLoad_RelativePaths_StartAtTheNotebooksFolder()
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.File("lib"));
        File.WriteAllText(scratch.File("lib/Scale.cs"), "public static class Scale { public static int Twice(int x) => 2 * x; }");
        EngineCorpus.BuildLibrary(scratch.File("lib/Scale.cs"), scratch.File("lib/Scale.dll"));
        File.WriteAllText(scratch.File("lib/plus.csx"), "int PlusOne(int x) => x + 1;");

        var run = await FolderRun.RunAsync(scratch.Path, "#r \"lib/Scale.dll\"\n#load \"lib/plus.csx\"\nConsole.WriteLine(\"first\");\nPlusOne(Scale.Twice(20))");

        Assert.Null(run[0].ErrorText);
        Assert.Contains("<pre>41</pre>", Assert.IsType<DisplayOutput>(run[0].Outputs[^1]).Data["text/html"]);
    }

    [Fact]
    public async Task Reference_MissingDll_FailsTheCellNamingTheFile()
    {
        using var scratch = new ScratchFolder();
        var run = await FolderRun.RunAsync(scratch.Path, "#r \"bin/Nowhere.dll\"\nvar x = 1;");
        Assert.Equal(CellStatus.Error, run[0].Status);
        Assert.Contains("Nowhere.dll", run[0].ErrorText);
    }

    [Fact]
    public async Task Load_MissingFile_FailsTheCellNamingTheFile()
    {
        using var scratch = new ScratchFolder();
        var run = await FolderRun.RunAsync(scratch.Path, "#load \"setup.csx\"");
        Assert.Equal(CellStatus.Error, run[0].Status);
        Assert.Contains("setup.csx", run[0].ErrorText);
    }

    [Fact]
    public async Task ConsoleWrite_AfterTheCellEnded_DoesNotLandInThatCell()
    {
        var session = Session();
        var (_, outputs) = await session.RunAsync("""
            using (System.Threading.ExecutionContext.SuppressFlow())
                new System.Threading.Thread(() => { System.Threading.Thread.Sleep(300); Console.WriteLine("late"); }).Start();
            Console.WriteLine("on time");
            """);
        await Task.Delay(1000);
        Assert.Equal([new StreamedOutput("stdout", "on time\n")], outputs);
    }

    [Fact]
    public async Task Display_InsideAClassOfACell_IsInScope()
    {
        var session = Session();
        await session.RunAsync("class Reporter { public void Report(double loss) => display($\"loss {loss}\"); }");
        var (outcome, outputs) = await session.RunAsync("new Reporter().Report(0.5);");
        Assert.Null(outcome.ErrorText);
        Assert.Equal("loss 0.5", OnlyDisplay(outputs)["text/plain"]);
    }

    [Fact]
    public async Task Reference_DllWhoseDependencyLiesNextToIt_LoadsTheDependency()
    {
        // Outer.dll uses Inner.dll; the cell references only Outer.dll, as a notebook references Course.dll.
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.File("bin"));
        File.WriteAllText(scratch.File("Inner.cs"), "public static class Inner { public static int Answer() => 42; }");
        File.WriteAllText(scratch.File("Outer.cs"), "public static class Outer { public static int Twice() => 2 * Inner.Answer(); }");
        EngineCorpus.BuildLibrary(scratch.File("Inner.cs"), scratch.File("bin/Inner.dll"));
        EngineCorpus.BuildLibrary(scratch.File("Outer.cs"), scratch.File("bin/Outer.dll"), scratch.File("bin/Inner.dll"));

        var run = await FolderRun.RunAsync(scratch.Path, "#r \"bin/Outer.dll\"\nOuter.Twice()");

        Assert.Null(run[0].ErrorText);
        Assert.Contains("<pre>84</pre>", Assert.IsType<DisplayOutput>(Assert.Single(run[0].Outputs)).Data["text/html"]);
    }
}
