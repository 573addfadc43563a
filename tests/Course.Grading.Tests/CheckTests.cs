using System.Reflection;
using Course.Checks;

namespace Course.Grading.Tests;

/// <summary>The checking API students see. Console output is captured, so these tests share one collection.</summary>
[Collection("Console")]
public class CheckTests
{
    static string Printed(Action check)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try { check(); }
        finally { Console.SetOut(original); }
        return captured.ToString();
    }

    [Fact]
    public void Close_WithinTolerance_PrintsOneTickLineNamingWhatWasChecked()
    {
        var printed = Printed(() => Check.Close(0.1 + 0.2, 0.3, "sum of the steps"));
        Assert.Equal("✓ sum of the steps" + Environment.NewLine, printed);
    }

    [Fact]
    public void Close_OutsideTolerance_ShowsTheStudentsValueButNeverTheExpectedOne()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Close(0.3125, 0.271828, "velocity after 3 steps"));
        Assert.Contains("velocity after 3 steps", e.Message);
        Assert.Contains("0.3125", e.Message);
        Assert.DoesNotContain("0.27", e.Message);
        Assert.Equal("velocity after 3 steps", e.What);
    }

    [Theory]
    [InlineData(1e6, 1e6 + 0.5, 1e-6, true)]     // relative for large values: 0.5 ≤ 1e-6 · 1e6
    [InlineData(1e6, 1e6 + 2.0, 1e-6, false)]
    [InlineData(1e-9, 0.0, 1e-6, true)]          // absolute near zero
    [InlineData(2e-6, 0.0, 1e-6, false)]
    [InlineData(double.NaN, 0.0, 1e-6, false)]
    [InlineData(double.PositiveInfinity, 1.0, 1e-6, false)]
    public void Close_UsesToleranceTimesMaxOfOneAndExpected(double actual, double expected, double tolerance, bool passes)
    {
        void Run() => Check.Close(actual, expected, "x", tolerance);
        if (passes) Printed(Run);
        else Assert.Throws<CheckFailedException>(() => Printed(Run));
    }

    [Fact]
    public void Close_Sequences_NameTheFirstElementThatDiffersWithTheStudentsValue()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Close(new[] { 1.0, 2.5, 9.0 }, new[] { 1.0, 2.0, 3.0 }, "θ"));
        Assert.Contains("θ[1] is 2.5", e.Message);
        Assert.DoesNotContain("2.0", e.Message);
        Assert.DoesNotContain("3", e.Message.Replace("θ[1]", ""));
    }

    [Fact]
    public void Close_SequencesOfDifferentLengths_SaysSoWithoutTheExpectedLength()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Close(new[] { 1f, 2f }, new[] { 1f, 2f, 7f }, "weights"));
        Assert.Contains("weights has 2 elements", e.Message);
        Assert.DoesNotContain("3", e.Message);
    }

    [Fact]
    public void Close_NullSequence_FailsWithAClearMessage()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Close((double[])null!, new[] { 1.0 }, "gradient"));
        Assert.Contains("gradient is null", e.Message);
    }

    [Fact]
    public void Equal_Sequences_AreComparedElementByElement()
    {
        Printed(() => Check.Equal(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, "labels"));
        var e = Assert.Throws<CheckFailedException>(() => Check.Equal(new List<int> { 1, 5, 3 }, new List<int> { 1, 2, 3 }, "labels"));
        Assert.Contains("labels[1] is 5", e.Message);
    }

    [Fact]
    public void Equal_DifferentScalars_ShowsOnlyTheStudentsValue()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Equal(41, 1234, "number of batches"));
        Assert.Contains("41", e.Message);
        Assert.DoesNotContain("1234", e.Message);
    }

    [Fact]
    public void True_False_ThrowsWithTheStatement()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.True(false, "the loss decreases"));
        Assert.Equal("✗ Not true: the loss decreases.", e.Message);
        Assert.Equal("✓ the loss decreases" + Environment.NewLine, Printed(() => Check.True(true, "the loss decreases")));
    }

    [Fact]
    public void Guards_RejectATestAuthorsMistakesNamingTheValue()
    {
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Check.Close(1, 1, "x", tolerance: -1)).ParamName);
        Assert.Equal("what", Assert.Throws<ArgumentException>(() => Check.True(true, " ")).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() => Check.Close(1, double.NaN, "x")).ParamName);
    }

    [Fact]
    public void ChecksApi_HasNoStaticStateANotebookCouldChange()
    {
        var types = typeof(Check).Assembly.GetTypes().Where(t => t.Namespace == "Course.Checks").ToList();
        Assert.Contains(typeof(Check), types);
        foreach (var type in types)
        {
            var fields = type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => !f.IsInitOnly && !f.IsLiteral);
            Assert.Empty(fields);
            var settable = type.GetProperties(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.SetMethod is not null);
            Assert.Empty(settable);
        }
    }
}
