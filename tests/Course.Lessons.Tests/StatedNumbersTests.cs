using System.Globalization;
using System.Text.RegularExpressions;

namespace Course.Lessons.Tests;

/// <summary>
/// The numbers the text of notebooks 01, 07 and 08 states are the numbers their cells print when the course runs
/// (a change to a setting that moves a number fails here, naming the sentence to update).
/// </summary>
[Collection("executed course")]
[Trait("Category", "Slow")]   // reads the whole course run
public class StatedNumbersTests(ExecutedCourse course)
{
    static double Number(string stdout, string pattern)
    {
        var match = Regex.Match(stdout, pattern);
        Assert.True(match.Success, $"no output matched /{pattern}/ in:\n{stdout}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Notebook01_ContourEllipses_AreSqrtTwentyTimesLongerThanWide()
    {
        Assert.Equal(4.47, Number(course.Stdout("01-the-problem-with-gradient-descent"), @"contour ellipses √κ = ([0-9.]+) times"));
    }

    [Fact]
    public void Notebook07_StatesEachMethodsRate_TheSwingPeriod_AndTheFairComparison()
    {
        var stdout = course.Stdout("07-seeing-it");
        Assert.Equal(0.9487, Number(stdout, @"momentum ([0-9.]+), Nesterov"));
        Assert.Equal(0.9439, Number(stdout, @"Nesterov ([0-9.]+)\n"));
        Assert.Equal(71.3, Number(stdout, @"lasts 2π/arg\(root\) = ([0-9.]+) steps"));
        Assert.Equal(0.9479, Number(stdout, @"momentum γ = 0.9, η = 0.05 +distance after 300 steps [0-9.E+-]+, measured rate ([0-9.]+)"));
        Assert.Equal(0.0674, Number(stdout, @"gradient descent η = 0.4762 +after 50 steps: distance ([0-9.E+-]+)"), 4);
        Assert.Equal(0.0896, Number(stdout, @"gradient descent η = 0.45 +after 50 steps: distance ([0-9.E+-]+)"), 4);
        Assert.Equal(0.633, Number(stdout, @"momentum γ = 0.9, η = 0.45 +after 50 steps: distance ([0-9.E+-]+)"), 3);
        Assert.Equal(0.7494, Number(stdout, @"Nesterov: η = [0-9.]+, γ = [0-9.]+, rate ([0-9.]+)"));
    }

    [Fact]
    public void Notebook08_OptimalSettings_MatchTheClosedForms_AndTheMeasuredRates()
    {
        var stdout = course.Stdout("08-why-momentum-converges");
        double rootKappa = Math.Sqrt(20);
        Assert.Equal(Math.Pow((rootKappa - 1) / (rootKappa + 1), 2), Number(stdout, @"γ\* = ([0-9.]+), rate"), 4);
        Assert.Equal((rootKappa - 1) / (rootKappa + 1), Number(stdout, @"rate √γ\* = ([0-9.]+)"), 4);
        Assert.Equal(19.0 / 21, Number(stdout, @"rate \(κ − 1\)/\(κ \+ 1\) = ([0-9.]+)"), 4);
        Assert.Equal(Math.Pow(2 / (Math.Sqrt(0.2) + 2), 2), Number(stdout, @"momentum η\* = ([0-9.]+)"), 4);
        // the stability example: gradient descent at η = 0.52 diverges (1.08 per step), momentum with γ = 0.5 converges
        Assert.True(Number(stdout, @"after 60 steps: ([0-9.]+) and") > 100);
        Assert.True(Number(stdout, @"after 60 steps: [0-9.]+ and ([0-9.E+-]+);") < 1e-6);
        // the long run's measured rate approaches the predicted one from above
        double measured = Number(stdout, @"over 200–400: ([0-9.]+); predicted");
        Assert.InRange(measured, (rootKappa - 1) / (rootKappa + 1), (rootKappa - 1) / (rootKappa + 1) + 0.003);
        // noisy gradients: momentum's steps about 19 times less variable along x1
        var variances = Regex.Matches(stdout, @"step variance \(([0-9.]+), ");
        Assert.Equal(2, variances.Count);
        double ratio = double.Parse(variances[0].Groups[1].Value, CultureInfo.InvariantCulture) / double.Parse(variances[1].Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(ratio, 17, 21);
    }
}
