using System.Globalization;
using System.Text;

namespace Course.Grading;

/// <summary>
/// The probe a graded notebook declares in its first cell, in place of the checking API. In a submission's kernel a
/// check statement becomes <c>Probe.Value(actual)</c>: only the student's side is evaluated, and its value is printed
/// as one line of JSON (<see cref="Marker"/> + nonce + value). In the key's kernel the checking class is replaced by
/// the probe, whose methods have the checking API's signatures (<see cref="CheckingApi.Methods"/>), so every argument
/// (actual, expected, what, tolerance) is evaluated as the test wrote it and printed the same way. The grader compares
/// the two in its own process (<see cref="ValueComparer"/>). Values travel as numbers, strings, booleans, sequences,
/// tuples and records of those; anything else travels as "cannot grade a value of type X".
/// </summary>
public static class ValueProbe
{
    /// <summary>Starts every probe line (an ASCII record separator, then "grader:"); the nonce and ':' follow.</summary>
    public const string Marker = "\u001Egrader:";

    /// <summary>The C# of the probe class <paramref name="className"/>, printing lines that start with <see cref="Marker"/><paramref name="nonce"/>:.</summary>
    public static string Source(string className, string nonce)
    {
        var text = new StringBuilder();
        text.Append($$"""
            public static class {{className}}
            {
                // The console of the cell running now: the kernel installs a writer of its own for every cell (one
                // kept from an earlier cell writes nowhere), which also undoes a Console.SetOut of an earlier cell.
                // A submission that swaps it within a check only loses that check's values (a forged line lacks the nonce).
                static global::System.IO.TextWriter Out => global::System.Console.Out;
                const string Prefix = "\u001Egrader:{{nonce}}:";

                // The submission's side: the student's value only.
                public static void Value(object actual) => Emit("{\"actual\":" + Json(actual) + "}");

                // A Check.True in a submission: the values of its condition's student leaves (the grader evaluates the rest).
                public static void Leaves(global::System.Func<object>[] leaves)
                {
                    var values = new string[leaves.Length];
                    for (int i = 0; i < leaves.Length; i++) values[i] = Leaf(leaves[i]);
                    Emit("{\"actual\":[" + string.Join(",", values) + "]}");
                }

                // A Check.True in the key: the condition's tree, every leaf, and the student leaves among them.
                public static void Condition(string tree, string what, int[] actual, global::System.Func<object>[] leaves)
                {
                    var values = new string[leaves.Length];
                    for (int i = 0; i < leaves.Length; i++) values[i] = Leaf(leaves[i]);
                    var mine = new string[actual.Length];
                    for (int i = 0; i < actual.Length; i++) mine[i] = values[actual[i]];
                    Emit("{\"method\":\"True\",\"tree\":" + tree + ",\"what\":" + Json(what) + ",\"leaves\":[" + string.Join(",", values)
                        + "],\"actual\":[" + string.Join(",", mine) + "]}");
                }

                static string Leaf(global::System.Func<object> leaf)
                {
                    object value;
                    try { value = leaf(); }
                    catch (global::System.Exception e) { return "{\"threw\":" + Quote(e.GetType().Name + ": " + e.Message) + "}"; }
                    return Json(value);
                }

            """);
        // The key's side: the checking API's signatures, every argument recorded.
        foreach (var method in CheckingApi.Methods)
        {
            var parameters = method.Parameters.Select((p, i) =>
                $"{p.Type} {p.Name}" + (i == method.Parameters.Count - 1 && method.DefaultTolerance is double d
                    ? " = " + d.ToString("R", CultureInfo.InvariantCulture) : ""));
            var fields = method.Parameters.Select(p => $"\"\\\"{p.Name}\\\":\" + Json({p.Name})");
            text.Append($"    public static void {method.Name}{method.TypeParameters}({string.Join(", ", parameters)}) => "
                + $"Emit(\"{{\\\"method\\\":\\\"{method.Name}\\\",\" + {string.Join(" + \",\" + ", fields)} + \"}}\");\n");
        }
        text.Append("""

                static void Emit(string json) { Out.WriteLine(Prefix + json); Out.Flush(); }

                public static string Json(object value)
                {
                    var text = new global::System.Text.StringBuilder();
                    count = 0;
                    try { Write(text, value, 0); }
                    catch (global::System.Exception e) { return "{\"cannot\":" + Quote(TypeName(value) + " (" + e.GetType().Name + ")") + "}"; }
                    return text.ToString();
                }

                static int count;

                static void Write(global::System.Text.StringBuilder s, object v, int depth)
                {
                    if (depth > 16) throw new global::System.InvalidOperationException("nested too deep");
                    if (++count > 2_000_000) throw new global::System.InvalidOperationException("too many values");
                    var invariant = global::System.Globalization.CultureInfo.InvariantCulture;
                    switch (v)
                    {
                        case null: s.Append("null"); return;
                        case bool b: s.Append(b ? "true" : "false"); return;
                        case string t: s.Append(Quote(t)); return;
                        case char c: s.Append(Quote(c.ToString())); return;
                        case double d: Number(s, d); return;
                        case float f: Number(s, f); return;
                        case decimal m: s.Append(m.ToString(invariant)); return;
                        case sbyte or byte or short or ushort or int or uint or long or ulong:
                            s.Append(((global::System.IFormattable)v).ToString(null, invariant)); return;
                        case global::System.Enum e: s.Append("{\"enum\":").Append(Quote(e.ToString())).Append('}'); return;
                        case global::System.Runtime.CompilerServices.ITuple tuple:
                            s.Append("{\"tuple\":[");
                            for (int i = 0; i < tuple.Length; i++) { if (i > 0) s.Append(','); Write(s, tuple[i], depth + 1); }
                            s.Append("]}");
                            return;
                        case global::System.Collections.IDictionary:
                            break;
                        case global::System.Collections.IEnumerable items:
                            s.Append('[');
                            bool first = true;
                            foreach (var item in items) { if (!first) s.Append(','); first = false; Write(s, item, depth + 1); }
                            s.Append(']');
                            return;
                    }
                    var type = v.GetType();
                    // A record (class or struct) has a compiler-made PrintMembers: its public properties are its value.
                    if (type.GetMethod("PrintMembers", global::System.Reflection.BindingFlags.Instance | global::System.Reflection.BindingFlags.NonPublic | global::System.Reflection.BindingFlags.Public) is null)
                    {
                        s.Append("{\"cannot\":").Append(Quote(TypeName(v))).Append('}');
                        return;
                    }
                    s.Append("{\"record\":{");
                    bool firstField = true;
                    foreach (var property in type.GetProperties(global::System.Reflection.BindingFlags.Instance | global::System.Reflection.BindingFlags.Public))
                    {
                        if (property.GetIndexParameters().Length > 0) continue;
                        if (!firstField) s.Append(',');
                        firstField = false;
                        s.Append(Quote(property.Name)).Append(':');
                        Write(s, property.GetValue(v), depth + 1);
                    }
                    s.Append("}}");
                }

                static void Number(global::System.Text.StringBuilder s, double d)
                {
                    if (double.IsFinite(d)) s.Append(d.ToString("R", global::System.Globalization.CultureInfo.InvariantCulture));
                    else s.Append("{\"double\":").Append(Quote(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity")).Append('}');
                }

                static string TypeName(object v) => v?.GetType().Name ?? "null";

                static string Quote(string t)
                {
                    var s = new global::System.Text.StringBuilder("\"");
                    foreach (var c in t)
                        s.Append(c switch
                        {
                            '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t",
                            < ' ' or '\u2028' or '\u2029' => "\\u" + ((int)c).ToString("x4"),
                            _ => c.ToString(),
                        });
                    return s.Append('"').ToString();
                }
            }
            """);
        text.Append('\n');
        return text.ToString();
    }
}
