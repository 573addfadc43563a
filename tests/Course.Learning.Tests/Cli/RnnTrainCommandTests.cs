using System.Text.Json;

namespace Course.Learning.Tests.Cli;

public class RnnTrainCommandTests
{
    [Theory]
    [InlineData(new[] { "--model", "lstm" }, "--model 'lstm' is not one of mlp, rnn")]
    [InlineData(new[] { "--model" }, "--model needs a value (mlp or rnn)")]
    [InlineData(new[] { "--model", "rnn", "--optimizer", "adam" }, "--optimizer 'adam' is not one of sgd, momentum, nesterov, lookahead, all")]
    [InlineData(new[] { "--model", "rnn", "--gamma", "1" }, "--gamma expects a number in (0, 1) such as 0.9; got '1'")]
    [InlineData(new[] { "--model", "rnn", "--clip", "0" }, "--clip expects a norm > 0 such as 5; got '0'")]
    [InlineData(new[] { "--model", "rnn", "--steps", "0" }, "--steps expects an integer >= 1; got '0'")]
    [InlineData(new[] { "--model", "rnn", "--scratch" }, "unknown option '--scratch' for --model rnn")]
    public void TrainRnn_BadArguments_ExitWith2AndSayWhatIsWrongThenTheUsage(string[] args, string message)
    {
        var outcome = CourseCli.Run(["train", .. args]);

        Assert.True(outcome.ExitCode == 2, $"exit code {outcome.ExitCode}; stderr: {outcome.Error}");
        Assert.Contains($"course train: {message}", outcome.Error);
        Assert.Contains("usage: course train --model rnn", outcome.Error);
    }

    [Fact]
    public void TrainRnn_MissingCorpusFolder_ExitsWith1NamingTheFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "no-text-here-" + Guid.NewGuid().ToString("N"));
        var outcome = CourseCli.Run("train", "--model", "rnn", "--data", folder);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(folder, outcome.Error);
    }

    [Fact]
    [Trait("Category", "Slow")]   // four epochs of training on the whole text
    public void TrainRnn_OneEpochOfEachOptimizer_PrintsEpochLinesAndEndsWithParsableJson()
    {
        var outcome = CourseCli.Run("train", "--model", "rnn", "--epochs", "1", "--sample", "5", "--json");

        Assert.True(outcome.ExitCode == 0, $"exit code {outcome.ExitCode}; stderr: {outcome.Error}");
        Assert.DoesNotContain('\r', outcome.Output);             // redirected: no progress bar
        Assert.Contains(outcome.OutputLines, l => l.StartsWith("momentum  epoch 1/1  train ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(outcome.OutputLines[^1]);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("optimizer").GetString()!);
        Assert.Equal(["sgd", "momentum", "nesterov", "lookahead"], runs.Keys);
        double Validation(string name) => runs[name].GetProperty("epochs")[0].GetProperty("validationLoss").GetDouble();
        Assert.InRange(Validation("sgd"), 3.6, 5.0);                       // untrained: ln 501 = 6.22
        Assert.True(Validation("momentum") < Validation("sgd") - 0.2, $"momentum {Validation("momentum")}, sgd {Validation("sgd")}");
        Assert.True(Math.Abs(Validation("nesterov") - Validation("lookahead")) < 0.02, "the two forms of Nesterov should end close");
        var epoch = runs["nesterov"].GetProperty("epochs")[0];
        Assert.Equal(Math.Exp(epoch.GetProperty("validationLoss").GetDouble()), epoch.GetProperty("perplexity").GetDouble(), 3);
        Assert.True(runs["sgd"].GetProperty("tokensPerSecond").GetDouble() > 0);
        Assert.False(string.IsNullOrWhiteSpace(runs["sgd"].GetProperty("sample").GetString()));
    }
}
