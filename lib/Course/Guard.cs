using Course.NeuralNetwork;

namespace Course;

/// <summary>
/// The library's guard clauses, written once: every message names the value and the range expected. The
/// <c>course</c> command checks its options with the same predicates (<see cref="IsLearningRate"/>, <see cref="IsGamma"/>).
/// </summary>
internal static class Guard
{
    /// <summary>η is usable: a finite number &gt; 0 (NaN fails the comparison).</summary>
    public static bool IsLearningRate(float learningRate) => learningRate > 0 && !float.IsInfinity(learningRate);

    /// <summary>γ (or PyTorch's momentum μ) is in [0, 1).</summary>
    public static bool IsGamma(float gamma) => gamma >= 0 && gamma < 1;

    public static Parameter[] NonEmpty(IEnumerable<Parameter> parameters, string paramName)
    {
        ArgumentNullException.ThrowIfNull(parameters, paramName);
        var list = parameters.ToArray();
        if (list.Length == 0) throw new ArgumentException("An optimizer needs at least one parameter.", paramName);
        if (list.Any(p => p is null)) throw new ArgumentException("The parameter list contains null.", paramName);
        return list;
    }

    public static float LearningRate(float learningRate, string paramName) =>
        IsLearningRate(learningRate)
            ? learningRate
            : throw new ArgumentOutOfRangeException(paramName, learningRate, $"The learning rate must be a finite number > 0; got {learningRate}.");

    public static float Gamma(float gamma, string paramName, string what = "gamma") =>
        IsGamma(gamma)
            ? gamma
            : throw new ArgumentOutOfRangeException(paramName, gamma, $"The momentum parameter {what} must be in [0, 1); got {gamma}.");

    public static int AtLeastOne(int value, string paramName) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least 1; got {value}.");
}
