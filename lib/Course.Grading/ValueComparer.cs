using System.Globalization;
using System.Text.Json.Nodes;

namespace Course.Grading;

/// <summary>One call of the checking API as the key's kernel made it: the method, and every argument's value.</summary>
/// <param name="Method">Equal, Close or True.</param>
/// <param name="Expected">The expected value (null for True, whose expected value is true).</param>
/// <param name="What">What is checked, in the student's terms.</param>
/// <param name="Tolerance">Close's tolerance (its default when the test gave none).</param>
/// <param name="KeyActual">The key's own actual value (the key must pass its own check).</param>
public sealed record ExpectedCall(string Method, JsonNode? Expected, string What, double Tolerance, JsonNode? KeyActual)
{
    /// <summary>For <c>True</c>: the condition's tree (<see cref="Condition.Split"/>), whose student leaves the
    /// submission sends and whose other leaves are <see cref="Leaves"/>; null for the other checks.</summary>
    public JsonNode? Tree { get; init; }

    /// <summary>For <c>True</c>: every leaf's value in the key's run, in order.</summary>
    public JsonArray? Leaves { get; init; }
}

/// <summary>
/// The verdict of one check, made in the grader's process from values: the student's value (from the submission's
/// kernel) against the key's (from the key's kernel), with the checking API's rules:
/// <list type="bullet">
/// <item>Close: <c>|actual − expected| ≤ tolerance · max(1, |expected|)</c>, element by element for sequences; NaN and infinities never pass;</item>
/// <item>Equal: the same value, sequences element by element, records field by field;</item>
/// <item>True: the condition, evaluated here over the student's leaves and the key's (<see cref="Condition"/>), is <c>true</c>.</item>
/// </list>
/// Messages say what is wrong with the student's value and never show the expected one.
/// </summary>
public static class ValueComparer
{
    /// <summary>Null when <paramref name="actual"/> passes <paramref name="call"/>, else the failure message.</summary>
    public static string? Compare(ExpectedCall call, JsonNode? actual)
    {
        if (call is { Method: "True", Tree: { } tree }) return CompareCondition(call, tree, actual);
        if (Cannot(actual) is { } type)
            return $"✗ cannot grade {call.What}: a value of type {type} (the grader compares numbers, strings, booleans, sequences, tuples and records of those).";
        return call.Method switch
        {
            "True" => actual is JsonValue v && v.TryGetValue(out bool b) && b ? null : $"✗ Not true: {call.What}.",
            "Close" => CompareClose(call, actual),
            "Equal" => CompareEqual(call, actual),
            _ => $"✗ {call.What}: the grader does not know the check '{call.Method}'.",
        };
    }

    static string? CompareCondition(ExpectedCall call, JsonNode tree, JsonNode? actual)
    {
        int count = Condition.ActualLeafCount(tree);
        if (actual is not JsonArray mine || mine.Count != count)
            return $"✗ {call.What}: the check sent {(actual is JsonArray a ? a.Count : 0)} value(s) where its condition has {count}.";
        try
        {
            var value = Condition.Evaluate(tree, i => LeafOf(tree, i) is int j ? mine[j] : call.Leaves?[i]);
            return value is true ? null : $"✗ Not true: {call.What}.";
        }
        catch (Condition.NotDecided e) { return $"✗ {call.What}: {e.Message}"; }
    }

    // The student's number of leaf i of the tree, or null when leaf i is the key's.
    static int? LeafOf(JsonNode node, int i)
    {
        if (node["leaf"] is JsonValue index) return (int)index == i && node["actual"] is JsonValue j ? (int)j : null;
        return node["args"]!.AsArray().Select(a => LeafOf(a!, i)).FirstOrDefault(j => j is not null);
    }

    static string? CompareClose(ExpectedCall call, JsonNode? actual)
    {
        if (call.Expected is JsonArray expected)
        {
            if (actual is not JsonArray mine) return $"✗ {call.What} is {Show(actual)}, but a sequence was expected.";
            if (mine.Count != expected.Count) return $"✗ {call.What} has {mine.Count} elements, which is not the expected number of elements.";
            for (int i = 0; i < mine.Count; i++)
                if (!IsClose(Number(mine[i]), Number(expected[i]), call.Tolerance))
                    return $"✗ {call.What}[{i}] is {Show(mine[i])}, which is not within {Format(call.Tolerance)} of the expected value.";
            return null;
        }
        return IsClose(Number(actual), Number(call.Expected), call.Tolerance) ? null
            : $"✗ {call.What} is {Show(actual)}, which is not within {Format(call.Tolerance)} of the expected value.";
    }

    static string? CompareEqual(ExpectedCall call, JsonNode? actual)
    {
        if (call.Expected is JsonArray expected)
        {
            if (actual is not JsonArray mine) return $"✗ {call.What} is {Show(actual)}, but a sequence was expected.";
            if (mine.Count != expected.Count) return $"✗ {call.What} has {mine.Count} elements, which is not the expected number of elements.";
            for (int i = 0; i < mine.Count; i++)
                if (!Same(mine[i], expected[i]))
                    return $"✗ {call.What}[{i}] is {Show(mine[i])}, which is not the expected value.";
            return null;
        }
        return Same(actual, call.Expected) ? null : $"✗ {call.What} is {Show(actual)}, which is not the expected value.";
    }

    /// <summary><c>|a − e| ≤ tolerance · max(1, |e|)</c>, false for a missing or non-finite value.</summary>
    public static bool IsClose(double? actual, double? expected, double tolerance) =>
        actual is double a && expected is double e && double.IsFinite(a) && Math.Abs(a - e) <= tolerance * Math.Max(1.0, Math.Abs(e));

    /// <summary>Whether two values are the same: numbers by value, strings by ordinal, the rest structurally.</summary>
    public static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (Number(a) is double x && Number(b) is double y)
            return IsInteger(a) && IsInteger(b) ? a.ToJsonString() == b.ToJsonString() : x.Equals(y);
        return (a, b) switch
        {
            (JsonArray p, JsonArray q) => p.Count == q.Count && p.Zip(q).All(t => Same(t.First, t.Second)),
            (JsonObject p, JsonObject q) => p.Count == q.Count && p.All(f => q.TryGetPropertyValue(f.Key, out var other) && Same(f.Value, other)),
            (JsonValue p, JsonValue q) => p.ToJsonString() == q.ToJsonString(),
            _ => false,
        };
    }

    /// <summary>A number, or NaN/±∞ written as <c>{"double":"NaN"}</c>; null for anything else.</summary>
    internal static double? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out double d) => d,
        JsonValue v when v.TryGetValue(out decimal m) => (double)m,
        JsonObject { Count: 1 } o when o["double"] is JsonValue s && s.TryGetValue(out string? t) =>
            double.Parse(t, CultureInfo.InvariantCulture),
        _ => null,
    };

    static bool IsInteger(JsonNode node) => node is JsonValue v && v.TryGetValue(out long _) && !v.ToJsonString().Contains('.');

    /// <summary>The type name of a value the probe could not send, found anywhere inside it; null if it has none.</summary>
    static string? Cannot(JsonNode? node) => node switch
    {
        JsonObject o when o.Count == 1 && o["cannot"] is JsonValue v => v.ToString(),
        JsonObject o => o.Select(f => Cannot(f.Value)).FirstOrDefault(t => t is not null),
        JsonArray a => a.Select(Cannot).FirstOrDefault(t => t is not null),
        _ => null,
    };

    /// <summary>The student's value as the message shows it (long sequences cut short).</summary>
    public static string Show(JsonNode? node)
    {
        if (node is null) return "null";
        if (Number(node) is double d && node is JsonObject) return Format(d);
        var text = node.ToJsonString();
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
}
