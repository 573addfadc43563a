using System.Globalization;
using System.Text.RegularExpressions;

namespace Course.Lessons.Tests;

/// <summary>
/// Notebook 09 as CI runs it (one epoch, one seed, 30,000 training and 10,000 validation tokens): the numbers it prints are the ones a correct
/// tokenizer, model, BPTT and set of optimizers produce. Each check states what a broken implementation would print instead.
/// </summary>
[Collection("executed course")]
[Trait("Category", "Slow")]
public class SequenceNotebookTests(ExecutedCourse course)
{
    const string Name = "09-momentum-and-nesterov-on-sequences";
    string Stdout => course.Stdout(Name);

    static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    double ValidationLoss(string optimizer)
    {
        var m = Regex.Match(Stdout, $@"^{optimizer}\s+epoch 1: validation loss (?<loss>[0-9.]+)\s+perplexity (?<ppl>[0-9.]+)$", RegexOptions.Multiline);
        Assert.True(m.Success, $"no epoch-1 validation line for {optimizer} in:\n{Stdout}");
        double loss = Number(m.Groups["loss"].Value), perplexity = Number(m.Groups["ppl"].Value);
        Assert.True(Math.Abs(Math.Exp(loss) - perplexity) < 0.1, $"{optimizer}: perplexity {perplexity} is not e^{loss} = {Math.Exp(loss):F1}");
        return loss;
    }

    [Fact]
    public void Tokenizer_DecodesBothSentencesBackExactly()
    {
        Assert.Contains("decoded back: \"In the beginning God created the heaven and the earth.\"", Stdout);
        Assert.Contains("decoded back: \"And Pharaoh called Joseph's name Zaphnathpaaneah;\"", Stdout);
        Assert.Contains("11 tokens: In |  the |  beginning", Stdout);   // GPT-2 keeps the leading space with the word
    }

    [Fact]
    public void UntrainedModel_ScoresNearLnOfTheVocabulary_AndBpttMatchesTheFiniteDifference()
    {
        var untrained = Regex.Match(Stdout, @"untrained validation loss (?<loss>[0-9.]+), ln 501 = 6\.217");
        Assert.True(untrained.Success, Stdout);
        Assert.InRange(Number(untrained.Groups["loss"].Value), 6.1, 6.4);
        var check = Regex.Match(Stdout, @"BPTT (?<a>-?[0-9.]+E[-+][0-9]+), finite difference (?<n>-?[0-9.]+E[-+][0-9]+)");
        Assert.True(check.Success, Stdout);
        double analytic = Number(check.Groups["a"].Value), numeric = Number(check.Groups["n"].Value);
        Assert.True(Math.Abs(analytic - numeric) <= 0.02 * Math.Abs(numeric) && Math.Abs(numeric) > 1e-4,
                    $"BPTT {analytic} against finite difference {numeric}");
    }

    [Fact]
    public void OneEpoch_MomentumBeatsPlainSgd_AndBothLearn()
    {
        double sgd = ValidationLoss("sgd"), momentum = ValidationLoss("momentum"), nesterov = ValidationLoss("nesterov");
        Assert.True(sgd < 5.0, $"plain SGD barely learned: {sgd}");                 // untrained: 6.23
        Assert.True(momentum < sgd - 0.2, $"momentum {momentum} should be far ahead of plain SGD {sgd} at the same η");
        Assert.True(Math.Abs(nesterov - momentum) < 0.2, $"Nesterov {nesterov} and momentum {momentum} should be close at η = 0.3");
    }

    [Fact]
    public void TheTwoFormsOfNesterov_TrainAlike()
    {
        var m = Regex.Match(Stdout, @"last-epoch training loss: Sgd\(nesterov: true\) (?<a>[0-9.]+), look-ahead Nesterov (?<b>[0-9.]+)");
        Assert.True(m.Success, Stdout);
        Assert.True(Math.Abs(Number(m.Groups["a"].Value) - Number(m.Groups["b"].Value)) <= 0.002, m.Value);
    }

    [Fact]
    public void Grid_HasSixCells_NesterovLeadsAtLargeGamma_AndTheLargestStepBreaksBoth()
    {
        var cells = Regex.Matches(Stdout, @"^γ\s+(?<g>[0-9.]+)\s+η\s+(?<eta>[0-9.]+): momentum\s+(?<m>[0-9.]+|diverged)\s+Nesterov\s+(?<n>[0-9.]+|diverged)$", RegexOptions.Multiline);
        Assert.Equal(6, cells.Count);
        double Loss(string v) => v == "diverged" ? double.PositiveInfinity : Number(v);
        Match Cell(string g, string eta) => cells.Single(c => c.Groups["g"].Value == g && c.Groups["eta"].Value == eta);
        var large = Cell("0.99", "0.3");   // effective step η/(1 − γ) = 30: the look-ahead's braking shows
        Assert.True(Loss(large.Groups["n"].Value) < Loss(large.Groups["m"].Value), $"Nesterov should lead momentum at γ 0.99, η 0.3: {large.Value}");
        var edge = Cell("0.99", "1");      // effective step 100: both end worse than the untrained model (ln 501 = 6.22)
        Assert.True(Loss(edge.Groups["m"].Value) > 6.3 && Loss(edge.Groups["n"].Value) > 6.3, $"the largest step should break both: {edge.Value}");
        var gentle = Cell("0.9", "0.1");
        Assert.True(Loss(gentle.Groups["m"].Value) < 5 && Loss(gentle.Groups["n"].Value) < 5, $"the smallest step should train both: {gentle.Value}");
    }

    [Fact]
    public void EachModel_WritesASample()
    {
        foreach (var optimizer in new[] { "sgd", "momentum", "nesterov" })
        {
            var m = Regex.Match(Stdout, $@"^{optimizer}: And the LORD said unto Moses,(?<rest>.+)$", RegexOptions.Multiline);
            Assert.True(m.Success && m.Groups["rest"].Value.Trim().Length > 10, $"no sample from {optimizer}:\n{Stdout}");
        }
    }
}
