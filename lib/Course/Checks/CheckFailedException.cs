namespace Course.Checks;

/// <summary>
/// Thrown by a <see cref="Check"/> that does not hold. The message is written for the student: it names what was
/// checked and shows the student's own value, never the expected one (which may come from a hidden test).
/// </summary>
public sealed class CheckFailedException : Exception
{
    /// <summary>What was being checked, in the student's terms (for example "velocity after 3 steps").</summary>
    public string What { get; }

    public CheckFailedException(string what, string message) : base(message)
    {
        What = what;
    }
}
