using System.Collections;
using System.Globalization;

namespace Course.Checks;

/// <summary>
/// The checks exercise cells are tested with. A check that holds writes one short line ("✓ what") to the console;
/// a check that fails throws a <see cref="CheckFailedException"/> whose message says what is wrong with the student's
/// value. No message ever contains the expected value, so a hidden test cannot leak its answer.
/// </summary>
/// <remarks>
/// The class keeps no state: there is no switch to turn checks off and nothing a notebook could set to make a
/// later check pass. The grader does not read what a check prints; it only sees whether the check threw.
/// </remarks>
public static class Check
{
    /// <summary>Passes when <c>actual = expected</c>. Sequences (other than strings) are compared element by element.</summary>
    /// <param name="actual">The student's value.</param>
    /// <param name="expected">The right value (never shown).</param>
    /// <param name="what">What is being checked, in the student's terms, such as "number of epochs".</param>
    /// <exception cref="CheckFailedException">The values differ.</exception>
    public static void Equal<T>(T actual, T expected, string what)
    {
        RequireWhat(what);
        if (expected is IEnumerable expectedItems and not string)
        {
            if (actual is not IEnumerable actualItems)
                throw Fail(what, $"{what} is null, but a sequence was expected.");
            var mine = actualItems.Cast<object?>().ToList();
            var theirs = expectedItems.Cast<object?>().ToList();
            if (mine.Count != theirs.Count)
                throw Fail(what, $"{what} has {mine.Count} elements, which is not the expected number of elements.");
            for (int i = 0; i < mine.Count; i++)
                if (!Equals(theirs[i], mine[i]))
                    throw Fail(what, $"{what}[{i}] is {Show(mine[i])}, which is not the expected value.");
        }
        // The expected value's Equals decides, so a student type cannot declare itself equal to everything
        // unless the expected value is of that type too.
        else if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw Fail(what, $"{what} is {Show(actual)}, which is not the expected value.");
        }
        Pass(what);
    }

    /// <summary>Passes when <c>|actual − expected| ≤ tolerance · max(1, |expected|)</c>: an absolute tolerance for values
    /// near zero, a relative one for large values. NaN and infinities never pass.</summary>
    /// <param name="actual">The student's value.</param>
    /// <param name="expected">The right value (never shown); must be finite.</param>
    /// <param name="what">What is being checked, in the student's terms, such as "velocity after 3 steps".</param>
    /// <param name="tolerance">How far apart the two may be; default 1e-6.</param>
    /// <exception cref="CheckFailedException">The values are further apart than the tolerance.</exception>
    public static void Close(double actual, double expected, string what, double tolerance = 1e-6)
    {
        RequireWhat(what);
        RequireTolerance(tolerance);
        RequireFinite(expected, nameof(expected));
        if (!IsClose(actual, expected, tolerance))
            throw Fail(what, $"{what} is {Show(actual)}, which is not within {Show(tolerance)} of the expected value.");
        Pass(what);
    }

    /// <summary>Passes when both sequences have the same length and every element satisfies
    /// <c>|actual[i] − expected[i]| ≤ tolerance · max(1, |expected[i]|)</c>. The message names the first element that does not.</summary>
    /// <param name="actual">The student's values.</param>
    /// <param name="expected">The right values (never shown); must be finite.</param>
    /// <param name="what">What is being checked, such as "parameters after one step".</param>
    /// <param name="tolerance">How far apart two elements may be; default 1e-6.</param>
    /// <exception cref="CheckFailedException">A length or an element differs.</exception>
    public static void Close(IReadOnlyList<double> actual, IReadOnlyList<double> expected, string what, double tolerance = 1e-6) =>
        CloseElements(actual, expected, what, tolerance, actual?.Count ?? 0, i => actual![i], i => expected[i]);

    /// <summary>Single-precision version of <see cref="Close(IReadOnlyList{double}, IReadOnlyList{double}, string, double)"/>:
    /// <c>|actual[i] − expected[i]| ≤ tolerance · max(1, |expected[i]|)</c>, default tolerance 1e-5 (float keeps about 7 digits).</summary>
    /// <exception cref="CheckFailedException">A length or an element differs.</exception>
    public static void Close(IReadOnlyList<float> actual, IReadOnlyList<float> expected, string what, double tolerance = 1e-5) =>
        CloseElements(actual, expected, what, tolerance, actual?.Count ?? 0, i => actual![i], i => expected[i]);

    /// <summary>Passes when <paramref name="condition"/> is true.</summary>
    /// <param name="condition">The statement about the student's work, evaluated.</param>
    /// <param name="what">The statement in words, shown either way, such as "the loss decreases in the first 10 steps".</param>
    /// <exception cref="CheckFailedException">The condition is false.</exception>
    public static void True(bool condition, string what)
    {
        RequireWhat(what);
        if (!condition)
            throw Fail(what, $"Not true: {what}.");
        Pass(what);
    }

    static void CloseElements<TList>(TList? actual, TList expected, string what, double tolerance, int actualCount,
        Func<int, double> actualAt, Func<int, double> expectedAt) where TList : class, IEnumerable
    {
        RequireWhat(what);
        RequireTolerance(tolerance);
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null)
            throw Fail(what, $"{what} is null, but a sequence was expected.");
        int expectedCount = expected.Cast<object>().Count();
        if (actualCount != expectedCount)
            throw Fail(what, $"{what} has {actualCount} elements, which is not the expected number of elements.");
        for (int i = 0; i < expectedCount; i++)
        {
            RequireFinite(expectedAt(i), $"expected[{i}]");
            if (!IsClose(actualAt(i), expectedAt(i), tolerance))
                throw Fail(what, $"{what}[{i}] is {Show(actualAt(i))}, which is not within {Show(tolerance)} of the expected value.");
        }
        Pass(what);
    }

    static bool IsClose(double actual, double expected, double tolerance) =>
        double.IsFinite(actual) && Math.Abs(actual - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected));

    static void Pass(string what) => Console.WriteLine($"✓ {what}");

    static CheckFailedException Fail(string what, string message) => new(what, $"✗ {message}");

    static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e"),
        float f => f.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    // Guards on what the test author wrote: these are mistakes in the test, not in the student's answer.
    static void RequireWhat(string what)
    {
        if (string.IsNullOrWhiteSpace(what))
            throw new ArgumentException("Say what is being checked, in the student's terms (for example \"velocity after 3 steps\").", nameof(what));
    }

    static void RequireTolerance(double tolerance)
    {
        if (!(tolerance >= 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a finite number ≥ 0.");
    }

    static void RequireFinite(double expected, string name)
    {
        if (!double.IsFinite(expected))
            throw new ArgumentException($"The expected value {name} must be finite; it is {expected}.", name);
    }
}
