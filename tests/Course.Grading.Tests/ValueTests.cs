using System.Reflection;
using System.Text.Json.Nodes;

namespace Course.Grading.Tests;

/// <summary>The grader's comparison of values against the checking API's rules, and the API named in one place.</summary>
public class ValueTests
{
    static ExpectedCall Close(JsonNode expected, double tolerance = 1e-6) => new("Close", expected, "v", tolerance, expected);

    [Theory]
    [InlineData(1.0, 1.0 + 0.9e-6, true)]     // within tolerance · max(1, |e|) = 1e-6
    [InlineData(1.0, 1.0 + 1.1e-6, false)]
    [InlineData(1000.0, 1000.0 + 0.9e-3, true)] // relative for large values: 1e-6 · 1000
    [InlineData(1000.0, 1000.0 + 1.1e-3, false)]
    [InlineData(0.0, 0.9e-6, true)]            // absolute near zero
    public void Close_UsesTheChecksToleranceRule(double expected, double actual, bool passes) =>
        Assert.Equal(passes, ValueComparer.Compare(Close(expected), actual) is null);

    [Fact]
    public void Close_NaNAndInfinityNeverPass()
    {
        Assert.NotNull(ValueComparer.Compare(Close(1.0), JsonNode.Parse("{\"double\":\"NaN\"}")));
        Assert.NotNull(ValueComparer.Compare(Close(1e308), JsonNode.Parse("{\"double\":\"Infinity\"}")));
    }

    [Fact]
    public void Close_Sequences_NameTheFirstElementThatDiffersAndNeverTheExpectedValue()
    {
        var failure = ValueComparer.Compare(Close(JsonNode.Parse("[0.095, 0.19]")!), JsonNode.Parse("[0.095, 0.2]"));
        Assert.Equal("✗ v[1] is 0.2, which is not within 1e-06 of the expected value.", failure);
        Assert.Contains("elements", ValueComparer.Compare(Close(JsonNode.Parse("[1, 2]")!), JsonNode.Parse("[1]")));
    }

    [Fact]
    public void Equal_ComparesValuesNotTypesThatSayTheyAreEqual()
    {
        var call = new ExpectedCall("Equal", JsonValue.Create(7), "epochs", 0, JsonValue.Create(7));
        Assert.Null(ValueComparer.Compare(call, JsonValue.Create(7)));
        Assert.NotNull(ValueComparer.Compare(call, JsonValue.Create(8)));
        Assert.Contains("cannot grade epochs: a value of type Anything", ValueComparer.Compare(call, JsonNode.Parse("{\"cannot\":\"Anything\"}")));
        var records = new ExpectedCall("Equal", JsonNode.Parse("{\"record\":{\"X\":1,\"Y\":2}}"), "p", 0, null);
        Assert.Null(ValueComparer.Compare(records, JsonNode.Parse("{\"record\":{\"X\":1,\"Y\":2}}")));
        Assert.NotNull(ValueComparer.Compare(records, JsonNode.Parse("{\"record\":{\"X\":1,\"Y\":3}}")));
    }

    [Fact]
    public void True_PassesOnlyOnTrue()
    {
        var call = new ExpectedCall("True", null, "converges", 0, JsonValue.Create(true));
        Assert.Null(ValueComparer.Compare(call, JsonValue.Create(true)));
        Assert.Equal("✗ Not true: converges.", ValueComparer.Compare(call, JsonValue.Create(false)));
        Assert.NotNull(ValueComparer.Compare(call, JsonValue.Create("true")));
    }

    [Fact]
    public void CheckingApi_MirrorsEveryPublicMethodOfTheChecksClass()
    {
        var real = typeof(Course.Checks.Check).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => $"{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.Name + (p.HasDefaultValue ? "=" + p.DefaultValue : "")))})")
            .Order().ToList();
        var named = CheckingApi.Methods
            .Select(m => $"{m.Name}({string.Join(", ", m.Parameters.Select((p, i) => p.Name + (i == m.Parameters.Count - 1 && m.DefaultTolerance is double d ? "=" + d : "")))})")
            .Order().ToList();
        Assert.Equal(real, named);
        Assert.Equal(CheckingApi.ClassName, typeof(Course.Checks.Check).FullName);
        Assert.Equal(CheckingApi.AssemblyFileName, Path.GetFileName(typeof(Course.Checks.Check).Assembly.Location));
    }
}
