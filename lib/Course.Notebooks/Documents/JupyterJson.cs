using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// Writes JSON byte for byte as VS Code saves an .ipynb file: <c>JSON.stringify(sortKeys(notebook), undefined, " ") + "\n"</c>
/// (microsoft/vscode, extensions/ipynb/src/notebookSerializer.ts and serializers.ts, sortObjectPropertiesRecursively).
/// So: object keys sorted by UTF-16 code units at every level, one space of indent per level, <c>"key": value</c>,
/// empty objects and arrays as <c>{}</c> and <c>[]</c>, and strings escaped the way JavaScript's JSON.stringify does
/// (only <c>"</c>, <c>\</c>, control characters and lone surrogates; non-ASCII text is written as it is).
/// System.Text.Json's own writer escapes more (and indents by two), so this small writer exists to keep files identical.
/// </summary>
internal static class JupyterJson
{
    /// <summary>The notebook text: the value sorted and indented, with the trailing newline VS Code adds.</summary>
    public static string Serialize(JsonNode value)
    {
        var text = new StringBuilder();
        Write(text, value, 0);
        return text.Append('\n').ToString();
    }

    static void Write(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, depth);
                break;
            case JsonArray array:
                WriteArray(text, array, depth);
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    static void WriteObject(StringBuilder text, JsonObject obj, int depth)
    {
        if (obj.Count == 0) { text.Append("{}"); return; }
        var keys = obj.Select(p => p.Key).ToList();
        keys.Sort(string.CompareOrdinal); // JavaScript's Array.prototype.sort compares UTF-16 code units
        text.Append('{');
        for (var i = 0; i < keys.Count; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n").Append(' ', depth + 1);
            WriteString(text, keys[i]);
            text.Append(": ");
            Write(text, obj[keys[i]], depth + 1);
        }
        text.Append('\n').Append(' ', depth).Append('}');
    }

    static void WriteArray(StringBuilder text, JsonArray array, int depth)
    {
        if (array.Count == 0) { text.Append("[]"); return; }
        text.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n").Append(' ', depth + 1);
            Write(text, array[i], depth + 1);
        }
        text.Append('\n').Append(' ', depth).Append(']');
    }

    static void WriteValue(StringBuilder text, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: WriteString(text, element.GetString()!); return;
                case JsonValueKind.Number: text.Append(NumberText(element)); return;
                case JsonValueKind.True: text.Append("true"); return;
                case JsonValueKind.False: text.Append("false"); return;
                case JsonValueKind.Null: text.Append("null"); return;
                default: Write(text, JsonNode.Parse(element.GetRawText()), 0); return;
            }
        }
        if (value.TryGetValue<string>(out var s)) { WriteString(text, s); return; }
        if (value.TryGetValue<bool>(out var b)) { text.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue<int>(out var n)) { text.Append(n.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<long>(out var l)) { text.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<double>(out var d)) { text.Append(JavaScriptNumber(d)); return; }
        // Any other CLR value (decimal, float, ...): let System.Text.Json render it, then re-read it as an element.
        using var parsed = JsonDocument.Parse(value.ToJsonString());
        WriteValue(text, JsonValue.Create(parsed.RootElement.Clone())!);
    }

    /// <summary>A number read from a file keeps the digits it had unless JavaScript would print it differently.</summary>
    static string NumberText(JsonElement element)
    {
        var raw = element.GetRawText();
        if (element.TryGetInt64(out var integer) && raw.All(c => c is '-' or (>= '0' and <= '9')))
            return integer.ToString(CultureInfo.InvariantCulture);
        return element.TryGetDouble(out var d) ? JavaScriptNumber(d) : raw;
    }

    /// <summary>
    /// A double as JavaScript's Number.prototype.toString writes it: shortest round-trip digits, plain notation for
    /// 1e-6 &lt;= |x| &lt; 1e21, otherwise <c>d.ddde+N</c>.
    /// </summary>
    public static string JavaScriptNumber(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return "null"; // JSON.stringify writes null for these
        if (x == 0) return "0";
        var magnitude = Math.Abs(x);
        if (magnitude >= 1e-6 && magnitude < 1e21)
        {
            var plain = x.ToString("R", CultureInfo.InvariantCulture);
            if (!plain.Contains('E')) return plain;
            // .NET switches to exponent form earlier than JavaScript: spell the shortest digits out in full.
            return decimal.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
                ? m.ToString(CultureInfo.InvariantCulture)
                : x.ToString("F0", CultureInfo.InvariantCulture);
        }
        var exponent = x.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        if (!exponent.Contains('e')) exponent = x.ToString("0.################e+0", CultureInfo.InvariantCulture);
        var parts = exponent.Split('e');
        var power = int.Parse(parts[1], CultureInfo.InvariantCulture);
        return $"{parts[0]}e{(power >= 0 ? "+" : "-")}{Math.Abs(power).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A string as JSON.stringify quotes it (ECMAScript QuoteJSONString).</summary>
    public static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) text.Append(c).Append(s[++i]);
                    else if (char.IsSurrogate(c)) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
