using Course.NeuralNetwork;

namespace Course.Optimizers;

/// <summary>The guard clauses the optimizers share, so that every message names the value and the range expected.</summary>
internal static class OptimizerGuards
{
    public static Parameter[] NonEmpty(IEnumerable<Parameter> parameters, string paramName)
    {
        ArgumentNullException.ThrowIfNull(parameters, paramName);
        var list = parameters.ToArray();
        if (list.Length == 0) throw new ArgumentException("An optimizer needs at least one parameter.", paramName);
        if (list.Any(p => p is null)) throw new ArgumentException("The parameter list contains null.", paramName);
        return list;
    }

    public static void LearningRate(float learningRate, string paramName)
    {
        if (!(learningRate > 0) || float.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(paramName, learningRate,
                $"The learning rate must be a finite number > 0; got {learningRate}.");
    }

    public static void Gamma(float gamma, string paramName, string what = "gamma")
    {
        if (!(gamma >= 0 && gamma < 1))
            throw new ArgumentOutOfRangeException(paramName, gamma, $"The momentum parameter {what} must be in [0, 1); got {gamma}.");
    }
}
