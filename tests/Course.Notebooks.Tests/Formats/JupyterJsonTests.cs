using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary>The .ipynb text matches JavaScript's JSON.stringify(sorted, undefined, " ") + "\n", as VS Code writes it.</summary>
public class JupyterJsonTests
{
    static string Quote(string s)
    {
        var text = new System.Text.StringBuilder();
        JupyterJson.WriteString(text, s);
        return text.ToString();
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote \" and \\ backslash", "\"quote \\\" and \\\\ backslash\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("<b>&'</b>", "\"<b>&'</b>\"")]
    [InlineData("γ = 0.9, 动量, \u007f, \u2028", "\"γ = 0.9, 动量, \u007f, \u2028\"")]
    [InlineData("😀", "\"😀\"")]
    public void WriteString_EscapesOnlyWhatJsonStringifyEscapes(string value, string expected)
    {
        Assert.Equal(expected, Quote(value));
    }

    [Fact]
    public void WriteString_LoneSurrogate_IsEscapedLowercase()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate (metadata stores UTF-8).
        var lone = "a" + (char)0xD800 + "b" + (char)0xDFFF;

        Assert.Equal("\"a\\ud800b\\udfff\"", Quote(lone));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0, "1")]
    [InlineData(-0.0, "0")]
    [InlineData(123456789012345678.0, "123456789012345680")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(2.5e300, "2.5e+300")]
    [InlineData(-3.25, "-3.25")]
    public void JavaScriptNumber_PrintsAsNumberToString(double value, string expected)
    {
        Assert.Equal(expected, JupyterJson.JavaScriptNumber(value));
    }

    [Fact]
    public void Serialize_SortsKeysByCodeUnitAtEveryLevel()
    {
        var json = JsonNode.Parse("{\"b\":1,\"B\":2,\"a\":{\"z\":[{\"y\":1,\"x\":2}],\"_\":0}}")!;

        var text = JupyterJson.Serialize(json);

        Assert.Equal("{\n \"B\": 2,\n \"a\": {\n  \"_\": 0,\n  \"z\": [\n   {\n    \"x\": 2,\n    \"y\": 1\n   }\n  ]\n },\n \"b\": 1\n}\n", text);
    }

    [Fact]
    public void Serialize_EmptyContainers_AreWrittenOnOneLine()
    {
        Assert.Equal("{\n \"a\": [],\n \"o\": {}\n}\n", JupyterJson.Serialize(JsonNode.Parse("{\"o\":{},\"a\":[]}")!));
    }

    [Fact]
    public void Serialize_NumbersFromAFile_KeepTheirValue()
    {
        var text = JupyterJson.Serialize(JsonNode.Parse("{\"i\":42,\"d\":2.50,\"e\":1E3,\"n\":null,\"t\":true}")!);

        Assert.Equal("{\n \"d\": 2.5,\n \"e\": 1000,\n \"i\": 42,\n \"n\": null,\n \"t\": true\n}\n", text);
    }

    [Fact]
    public void Serialize_ValuesSetInCode_AreWrittenLikeParsedOnes()
    {
        var json = new JsonObject { ["seconds"] = 0.25, ["count"] = 3, ["flag"] = false, ["name"] = "x", ["big"] = 3L };

        Assert.Equal("{\n \"big\": 3,\n \"count\": 3,\n \"flag\": false,\n \"name\": \"x\",\n \"seconds\": 0.25\n}\n", JupyterJson.Serialize(json));
    }
}
