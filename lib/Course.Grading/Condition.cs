using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Grading;

/// <summary>
/// The condition of a <c>Check.True</c>, taken apart so that the grader, not the submission's process, decides it.
/// The operators a condition is built of (<c>! &amp;&amp; || == != &lt; &lt;= &gt; &gt;= + - * / %</c>, unary minus,
/// parentheses, <c>Math.Abs/Min/Max/Sqrt/Pow</c>, <c>double.IsNaN/IsFinite/IsInfinity</c>) form a tree the grader
/// evaluates in its own process; what is left are the <em>leaves</em>. A leaf that uses a name of the notebook (the
/// student's code, a variable the test's setup computed with it, a local of the check statement) is the student's
/// side: the submission's kernel evaluates it and sends its value. Every other leaf (a literal, a library call, a
/// setup variable only expected values use) is the key's side: only the key's kernel evaluates it. So a submission
/// that takes over its own process can say what its values are, never that the condition held: to pass
/// <c>Check.True(Velocity(0.9, 50) &gt; 9.9)</c> it must send a velocity above 9.9, as an honest answer would.
/// </summary>
public static class Condition
{
    static readonly Dictionary<SyntaxKind, string> Binary = new()
    {
        [SyntaxKind.LogicalAndExpression] = "&&", [SyntaxKind.LogicalOrExpression] = "||",
        [SyntaxKind.EqualsExpression] = "==", [SyntaxKind.NotEqualsExpression] = "!=",
        [SyntaxKind.LessThanExpression] = "<", [SyntaxKind.LessThanOrEqualExpression] = "<=",
        [SyntaxKind.GreaterThanExpression] = ">", [SyntaxKind.GreaterThanOrEqualExpression] = ">=",
        [SyntaxKind.AddExpression] = "+", [SyntaxKind.SubtractExpression] = "-", [SyntaxKind.MultiplyExpression] = "*",
        [SyntaxKind.DivideExpression] = "/", [SyntaxKind.ModuloExpression] = "%",
    };

    static readonly Dictionary<SyntaxKind, string> Unary = new()
    {
        [SyntaxKind.LogicalNotExpression] = "!", [SyntaxKind.UnaryMinusExpression] = "neg", [SyntaxKind.UnaryPlusExpression] = "pos",
    };

    static readonly HashSet<string> MathTargets = ["Math", "System.Math", "global::System.Math"];
    static readonly HashSet<string> DoubleTargets = ["double", "Double", "System.Double", "global::System.Double"];
    static readonly HashSet<string> MathFunctions = ["Abs", "Min", "Max", "Sqrt", "Pow"];
    static readonly HashSet<string> DoubleFunctions = ["IsNaN", "IsFinite", "IsInfinity"];

    /// <summary>One leaf of a condition: its expression, and whether it is the student's side.</summary>
    public sealed record Leaf(ExpressionSyntax Expression, bool Actual);

    /// <summary>The tree of <paramref name="condition"/> (as JSON: <c>{"op":…,"args":[…]}</c>, <c>{"call":…,"args":[…]}</c>,
    /// <c>{"leaf":i}</c> or <c>{"leaf":i,"actual":j}</c> for the j-th student leaf) and its leaves in order.
    /// A condition that declares a variable (<c>x is double d &amp;&amp; d &gt; 0</c>) is one leaf.</summary>
    /// <param name="condition">The condition expression.</param>
    /// <param name="isActual">Whether a leaf is the student's side.</param>
    /// <param name="shadowed">Names the notebook declares (a class Math there is not the library's).</param>
    public static (JsonNode Tree, IReadOnlyList<Leaf> Leaves) Split(ExpressionSyntax condition, Func<ExpressionSyntax, bool> isActual, ISet<string> shadowed)
    {
        var leaves = new List<Leaf>();
        int actualCount = 0;
        bool declares = condition.DescendantNodesAndSelf().Any(n => n is DeclarationPatternSyntax or DeclarationExpressionSyntax or SingleVariableDesignationSyntax);

        JsonNode LeafNode(ExpressionSyntax e)
        {
            bool actual = isActual(e);
            leaves.Add(new Leaf(e, actual));
            var node = new JsonObject { ["leaf"] = leaves.Count - 1 };
            if (actual) node["actual"] = actualCount++;
            return node;
        }

        JsonNode Build(ExpressionSyntax e)
        {
            switch (e)
            {
                case ParenthesizedExpressionSyntax p:
                    return Build(p.Expression);
                case PrefixUnaryExpressionSyntax u when Unary.TryGetValue(u.Kind(), out var op):
                    return new JsonObject { ["op"] = op, ["args"] = new JsonArray(Build(u.Operand)) };
                case BinaryExpressionSyntax b when Binary.TryGetValue(b.Kind(), out var op):
                    var left = Build(b.Left);
                    return new JsonObject { ["op"] = op, ["args"] = new JsonArray(left, Build(b.Right)) };
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                    when Function(access, shadowed) is { } name && call.ArgumentList.Arguments.All(a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None)):
                    var args = new JsonArray();
                    foreach (var a in call.ArgumentList.Arguments) args.Add(Build(a.Expression));
                    return new JsonObject { ["call"] = name, ["args"] = args };
                default:
                    return LeafNode(e);
            }
        }

        return (declares ? LeafNode(condition) : Build(condition), leaves);
    }

    static string? Function(MemberAccessExpressionSyntax access, ISet<string> shadowed)
    {
        var target = access.Expression.WithoutTrivia().ToString();
        var name = access.Name.Identifier.Text;
        if (shadowed.Contains(target.Split('.')[0])) return null;
        if (MathTargets.Contains(target) && MathFunctions.Contains(name)) return name;
        if (DoubleTargets.Contains(target) && DoubleFunctions.Contains(name)) return name;
        return null;
    }

    /// <summary>Thrown while evaluating a condition the grader cannot decide as C# would (a leaf threw, a value of a
    /// kind the operator does not take).</summary>
    public sealed class NotDecided(string message) : Exception(message);

    /// <summary>Evaluates <paramref name="tree"/>; <paramref name="leaf"/> gives the value of leaf i (as the probe sent it).
    /// Values are <c>long</c> (C#'s integer types), <c>double</c>, <c>bool</c>, <c>string</c>, null, or the JSON of anything else.</summary>
    /// <exception cref="NotDecided">A leaf that was needed threw, or an operator got a value it does not take.</exception>
    public static object? Evaluate(JsonNode tree, Func<int, JsonNode?> leaf)
    {
        if (tree["leaf"] is JsonValue index)
        {
            var value = leaf((int)index);
            if (value is JsonObject { Count: 1 } o && o["threw"] is JsonValue threw) throw new NotDecided(threw.ToString());
            if (value is JsonObject { Count: 1 } c && c["cannot"] is JsonValue type) throw new NotDecided($"a value of type {type}");
            return FromJson(value);
        }
        var args = tree["args"]!.AsArray();
        object? Arg(int i) => Evaluate(args[i]!, leaf);
        if (tree["call"] is JsonValue call) return Call(call.ToString(), [.. args.Select((_, i) => Arg(i))]);
        switch (tree["op"]!.ToString())
        {
            case "!": return !Bool(Arg(0));
            case "&&": return Bool(Arg(0)) && Bool(Arg(1));
            case "||": return Bool(Arg(0)) || Bool(Arg(1));
            case "neg": return Arithmetic("-", 0L, Arg(0));
            case "pos": return Arithmetic("+", 0L, Arg(0));
            case var op:
                object? a = Arg(0), b = Arg(1);
                return op switch
                {
                    "==" => Equal(a, b),
                    "!=" => !Equal(a, b),
                    "<" => Real(a) < Real(b),
                    "<=" => Real(a) <= Real(b),
                    ">" => Real(a) > Real(b),
                    ">=" => Real(a) >= Real(b),
                    _ => Arithmetic(op, a, b),
                };
        }
    }

    static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null: return null;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                var text = v.ToJsonString();
                return text.IndexOfAny(['.', 'e', 'E']) < 0 && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
                    ? l : (object?)ValueComparer.Number(v);
            case JsonValue v when v.TryGetValue(out bool b): return b;
            case JsonValue v when v.TryGetValue(out string? s): return s;
            case JsonObject { Count: 1 } o when o["double"] is not null: return ValueComparer.Number(o);
            default: return node;
        }
    }

    static string Show(object? value) => value switch
    {
        null => "null",
        JsonNode node => ValueComparer.Show(node),
        bool b => b ? "true" : "false",
        string s => ValueComparer.Show(JsonValue.Create(s)),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    static bool Bool(object? value) => value is bool b ? b : throw new NotDecided($"expected true or false, got {Show(value)}");

    static double Real(object? value) => value switch
    {
        long l => l,
        double d => d,
        _ => throw new NotDecided($"expected a number, got {Show(value)}"),
    };

    static object Arithmetic(string op, object? a, object? b)
    {
        if (a is long x && b is long y)
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                _ when y == 0 => throw new NotDecided("DivideByZeroException: Attempted to divide by zero."),
                "/" => x / y,
                _ => x % y,
            };
        double p = Real(a), q = Real(b);
        return op switch { "+" => p + q, "-" => p - q, "*" => p * q, "/" => p / q, _ => p % q };
    }

    static bool Equal(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is JsonArray || b is JsonArray)
            throw new NotDecided("== on sequences compares references in C#; the grader cannot decide it (use Check.Equal)");
        return (a, b) switch
        {
            (long x, long y) => x == y,
            (long or double, long or double) => Real(a) == Real(b),
            (bool x, bool y) => x == y,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (JsonNode x, JsonNode y) => ValueComparer.Same(x, y),
            _ => false,
        };
    }

    static object Call(string name, List<object?> args)
    {
        bool integers = args.All(a => a is long);
        return (name, args.Count, integers) switch
        {
            ("IsNaN", 1, _) => double.IsNaN(Real(args[0])),
            ("IsFinite", 1, _) => double.IsFinite(Real(args[0])),
            ("IsInfinity", 1, _) => double.IsInfinity(Real(args[0])),
            ("Sqrt", 1, _) => Math.Sqrt(Real(args[0])),
            ("Pow", 2, _) => Math.Pow(Real(args[0]), Real(args[1])),
            ("Abs", 1, true) => Math.Abs((long)args[0]!),
            ("Abs", 1, false) => Math.Abs(Real(args[0])),
            ("Min", 2, true) => Math.Min((long)args[0]!, (long)args[1]!),
            ("Min", 2, false) => Math.Min(Real(args[0]), Real(args[1])),
            ("Max", 2, true) => Math.Max((long)args[0]!, (long)args[1]!),
            ("Max", 2, false) => Math.Max(Real(args[0]), Real(args[1])),
            _ => throw new NotDecided($"{name} with {args.Count} argument(s)"),
        };
    }

    /// <summary>How many leaves of <paramref name="tree"/> are the student's (the values a submission sends for it).</summary>
    public static int ActualLeafCount(JsonNode tree) =>
        tree["leaf"] is not null ? (tree["actual"] is null ? 0 : 1) : tree["args"]!.AsArray().Sum(a => ActualLeafCount(a!));
}
