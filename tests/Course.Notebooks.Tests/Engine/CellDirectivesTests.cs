using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

public sealed class CellDirectivesTests
{
    [Fact]
    public void Parse_DirectivesAnywhere_AreHoistedAndTheirLinesBlanked()
    {
        var (directives, code) = CellDirectives.Parse(
            "var a = 1;\n#r \"nuget: MathNet.Numerics, 5.0.0\"\n  #r \"nuget:XPlot.Plotly\"\n#r \"nuget: Foo, *-*\"\n#i \"nuget: ../feed\"\n#r \"lib/x.dll\"\n#load \"a.csx\"\na");

        Assert.Equal(
            [
                new Directive(DirectiveKind.NuGetPackage, "MathNet.Numerics", "5.0.0", 2),
                new Directive(DirectiveKind.NuGetPackage, "XPlot.Plotly", null, 3),
                new Directive(DirectiveKind.NuGetPackage, "Foo", "*-*", 4),
                new Directive(DirectiveKind.NuGetSource, "../feed", null, 5),
                new Directive(DirectiveKind.Assembly, "lib/x.dll", null, 6),
                new Directive(DirectiveKind.Load, "a.csx", null, 7),
            ],
            directives);
        Assert.Equal("var a = 1;\n\n\n\n\n\n\na", code);
    }

    [Fact]
    public void Parse_DirectiveInsideAString_IsLeftAlone()
    {
        var (directives, code) = CellDirectives.Parse("var s = \"#r \\\"x.dll\\\"\";");
        Assert.Empty(directives);
        Assert.Equal("var s = \"#r \\\"x.dll\\\"\";", code);
    }

    [Theory]
    [InlineData("#r \"nuget: \"", "names no package")]
    [InlineData("#i \"somewhere\"", "expected #i \"nuget: <feed url or folder>\"")]
    [InlineData("#!time", "#!time is a Polyglot magic command that the course engine does not run")]
    public void Parse_MalformedDirective_ThrowsWithLineAndExpectation(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CellDirectives.Parse("var a = 1;\n" + line));
        Assert.StartsWith("(2,1): ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
