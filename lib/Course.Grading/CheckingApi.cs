namespace Course.Grading;

/// <summary>One method of the checking API as a test cell calls it: its name, its parameters in order, and the
/// default of its tolerance (null when it has none). The grader's probes mirror these signatures exactly, so that
/// overloads, named arguments and defaults resolve in a probe as they do in the real class.</summary>
/// <param name="Name">The method name, such as <c>Close</c>.</param>
/// <param name="Parameters">Parameter type and name, in order, as C# text: <c>("double", "actual")</c>.</param>
/// <param name="DefaultTolerance">The default of the last parameter, <c>tolerance</c>, or null.</param>
/// <param name="TypeParameters">Generic type parameters, such as <c>&lt;T&gt;</c>, or empty.</param>
public sealed record CheckMethod(string Name, IReadOnlyList<(string Type, string Name)> Parameters, double? DefaultTolerance = null, string TypeParameters = "");

/// <summary>
/// The checking API the grader knows, named in this one place: the class test cells call, the names a notebook may
/// write it by, its methods and which argument of each is the student's (the <em>actual</em> side). Every other part
/// of grading asks this class instead of spelling out <c>Course.Checks.Check</c>.
/// </summary>
public static class CheckingApi
{
    /// <summary>The checking class, namespace included.</summary>
    public const string ClassName = "Course.Checks.Check";

    /// <summary>The class written so that nothing a notebook declares can shadow it.</summary>
    public const string Qualified = "global::" + ClassName;

    /// <summary>The assembly file that holds it (next to the course command, and referenced by every notebook).</summary>
    public const string AssemblyFileName = "Course.dll";

    /// <summary>How a test cell may write the class: <c>Check</c> (with <c>using Course.Checks;</c>) or qualified.</summary>
    public static readonly IReadOnlySet<string> Spellings = new HashSet<string> { "Check", "Checks.Check", ClassName, Qualified };

    /// <summary>The parameters that hold the student's value; every other argument is the key's side.</summary>
    public static readonly IReadOnlySet<string> ActualParameters = new HashSet<string> { "actual", "condition" };

    /// <summary>The public methods of <c>Course.Checks.Check</c>, parameter for parameter (a test compares this list
    /// with the class by reflection).</summary>
    public static readonly IReadOnlyList<CheckMethod> Methods =
    [
        new("Equal", [("T", "actual"), ("T", "expected"), ("string", "what")], TypeParameters: "<T>"),
        new("Close", [("double", "actual"), ("double", "expected"), ("string", "what"), ("double", "tolerance")], 1e-6),
        new("Close", [("global::System.Collections.Generic.IReadOnlyList<double>", "actual"),
            ("global::System.Collections.Generic.IReadOnlyList<double>", "expected"), ("string", "what"), ("double", "tolerance")], 1e-6),
        new("Close", [("global::System.Collections.Generic.IReadOnlyList<float>", "actual"),
            ("global::System.Collections.Generic.IReadOnlyList<float>", "expected"), ("string", "what"), ("double", "tolerance")], 1e-5),
        new("True", [("bool", "condition"), ("string", "what")]),
    ];

    /// <summary>The method names.</summary>
    public static readonly IReadOnlySet<string> MethodNames = Methods.Select(m => m.Name).ToHashSet();
}
