using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

/// <summary>The in-process kernel: Polyglot's scope, trailing expressions, console capture, display and errors.</summary>
[Collection(InProcessKernels.Name)]
public sealed class CSharpKernelTests
{
    static IReadOnlyDictionary<string, string> OnlyDisplay(List<KernelOutput> outputs) =>
        Assert.IsType<DisplayedOutput>(Assert.Single(outputs)).Data;

    [Fact]
    public async Task Submit_CellsShareState_InOrder()
    {
        var session = new KernelSession();
        await session.RunAsync("var velocity = 0.0;");
        await session.RunAsync("velocity = 0.9 * velocity + 0.1;");
        var (outcome, outputs) = await session.RunAsync("velocity");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Contains("<pre>0.1</pre>", OnlyDisplay(outputs)["text/html"]);
    }

    [Fact]
    public async Task Submit_TrailingStringWithoutSemicolon_IsPlainText()
    {
        var (_, outputs) = await new KernelSession().RunAsync("var name = \"momentum\";\n$\"{name} wins\"");
        var data = OnlyDisplay(outputs);
        Assert.Equal(["text/plain"], data.Keys);
        Assert.Equal("momentum wins", data["text/plain"]);
    }

    [Fact]
    public async Task Submit_TrailingValueWithoutSemicolon_IsHtmlFromTheFormatter()
    {
        var (_, outputs) = await new KernelSession().RunAsync("6 * 7");
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", OnlyDisplay(outputs)["text/html"]);
    }

    [Theory]
    [InlineData("var answer = 6 * 7;")]       // a statement: nothing shown
    [InlineData("Console.Out.Flush()")]       // a void call without semicolon: nothing shown
    [InlineData("await Task.Delay(1)")]       // awaiting a Task: void
    public async Task Submit_StatementOrVoidExpression_DisplaysNothing(string code)
    {
        var (outcome, outputs) = await new KernelSession().RunAsync(code);
        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Empty(outputs);
    }

    [Fact]
    public async Task Submit_DefaultUsings_AreInScope()
    {
        var (outcome, outputs) = await new KernelSession().RunAsync(
            "var list = new List<int> { 3, 1 }; var sb = new StringBuilder(); sb.Append(list.Max()); IEnumerable e = list; await Task.Yield();\nsb.ToString()");
        Assert.Null(outcome.ErrorText);
        Assert.Equal("3", OnlyDisplay(outputs)["text/plain"]);
    }

    [Fact]
    public async Task Submit_ConsoleWrites_AreStreamsSplitAtNewlines()
    {
        var (_, outputs) = await new KernelSession().RunAsync(
            "Console.Write(\"a\"); Console.WriteLine(\"b\"); Console.Error.WriteLine(\"oops\"); Console.Write(\"tail\");");
        Assert.Equal(
            [new StreamedOutput("stdout", "ab\n"), new StreamedOutput("stderr", "oops\n"), new StreamedOutput("stdout", "tail")],
            outputs);
    }

    [Fact]
    public async Task Display_Update_ReplacesTheSameDisplayId()
    {
        var (_, outputs) = await new KernelSession().RunAsync(
            "var shown = display(\"epoch 1\");\nshown.Update(\"epoch 2\");\n\"done\".Display();");
        var first = Assert.IsType<DisplayedOutput>(outputs[0]);
        var update = Assert.IsType<DisplayedOutput>(outputs[1]);
        var other = Assert.IsType<DisplayedOutput>(outputs[2]);
        Assert.False(first.IsUpdate);
        Assert.True(update.IsUpdate);
        Assert.Equal(first.DisplayId, update.DisplayId);
        Assert.Equal("epoch 2", update.Data["text/plain"]);
        Assert.NotEqual(first.DisplayId, other.DisplayId);
    }

    [Fact]
    public async Task Html_CssAndJavascript_AreDisplayedRaw()
    {
        var (_, outputs) = await new KernelSession().RunAsync("CSS(\"b { }\"); Javascript(\"f()\");\nHTML(\"<b>x</b>\")");
        Assert.Equal(
            ["<style>b { }</style>", "<script type=\"text/javascript\">f()</script>", "<b>x</b>"],
            outputs.Cast<DisplayedOutput>().Select(o => o.Data["text/html"]));
    }

    [Fact]
    public async Task Display_WithMimeType_UsesIt()
    {
        var (_, outputs) = await new KernelSession().RunAsync("display(12, \"text/plain\");");
        Assert.Equal("12", OnlyDisplay(outputs)["text/plain"]);
    }

    [Fact]
    public async Task Submit_CompileError_ListsDiagnosticsWithLinesOfTheCellAsWritten()
    {
        // Line 1 is a directive: blanked before compiling, so line numbers still match what the student sees.
        var (outcome, _) = await new KernelSession().RunAsync("#i \"nuget: /tmp/feed\"\nvar a = 1;\nvar b = a + missing;\nint c = \"s\";");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Equal(
            "(3,13): error CS0103: The name 'missing' does not exist in the current context\n"
            + "(4,9): error CS0029: Cannot implicitly convert type 'string' to 'int'",
            outcome.ErrorText);
        Assert.Equal(3, outcome.ErrorLine);
    }

    [Fact]
    public async Task Submit_Throw_GivesExceptionTextAndLine_AndKeepsEarlierState()
    {
        var session = new KernelSession();
        var (outcome, _) = await session.RunAsync("var kept = 7;\n\nthrow new InvalidOperationException(\"negative learning rate\");");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.StartsWith("System.InvalidOperationException: negative learning rate", outcome.ErrorText);
        Assert.Equal(3, outcome.ErrorLine);

        var (next, outputs) = await session.RunAsync("kept + 1");
        Assert.Equal(CellStatus.Ok, next.Status);
        Assert.Contains("<pre>8</pre>", OnlyDisplay(outputs)["text/html"]);
    }

    [Fact]
    public async Task Submit_AfterCompileError_PreviousStateStillUsable()
    {
        var session = new KernelSession();
        await session.RunAsync("var gamma = 0.9;");
        await session.RunAsync("gamma = ;");
        var (outcome, outputs) = await session.RunAsync("1 / (1 - gamma)");
        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Contains("<pre>10.000000000000002</pre>", OnlyDisplay(outputs)["text/html"]);
    }

    [Fact]
    public async Task ReferenceAndLoad_RelativePaths_StartAtTheBaseDirectory()
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.File("lib"));
        File.WriteAllText(scratch.File("lib/Scale.cs"), "public static class Scale { public static int Twice(int x) => 2 * x; }");
        EngineCorpus.BuildLibrary(scratch.File("lib/Scale.cs"), scratch.File("lib/Scale.dll"));
        File.WriteAllText(scratch.File("lib/plus.csx"), "int PlusOne(int x) => x + 1;");

        var session = new KernelSession(scratch.Path);
        var (outcome, outputs) = await session.RunAsync("Console.WriteLine(\"first\");\n#r \"lib/Scale.dll\"\n#load \"lib/plus.csx\"\nPlusOne(Scale.Twice(20))");

        Assert.Null(outcome.ErrorText);
        Assert.Contains("<pre>41</pre>", Assert.IsType<DisplayedOutput>(outputs[^1]).Data["text/html"]);
    }

    [Fact]
    public async Task Reference_MissingDll_NamesThePathLooked()
    {
        using var scratch = new ScratchFolder();
        var (outcome, _) = await new KernelSession(scratch.Path).RunAsync("var x = 1;\n#r \"bin/Nowhere.dll\"");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Contains($"#r \"bin/Nowhere.dll\": the assembly was not found at {scratch.File("bin/Nowhere.dll")}", outcome.ErrorText);
        Assert.Equal(2, outcome.ErrorLine);
    }

    [Fact]
    public async Task Load_MissingFile_NamesThePathLooked()
    {
        using var scratch = new ScratchFolder();
        var (outcome, _) = await new KernelSession(scratch.Path).RunAsync("#load \"setup.csx\"");
        Assert.Contains($"the file was not found at {scratch.File("setup.csx")}", outcome.ErrorText);
    }

    [Fact]
    public async Task ConsoleWrite_AfterTheCellEnded_DoesNotLandInThatCell()
    {
        var session = new KernelSession();
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
        var session = new KernelSession();
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

        var (outcome, outputs) = await new KernelSession(scratch.Path).RunAsync("#r \"bin/Outer.dll\"\nOuter.Twice()");

        Assert.Null(outcome.ErrorText);
        Assert.Contains("<pre>84</pre>", OnlyDisplay(outputs)["text/html"]);
    }
}
