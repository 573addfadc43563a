using System.Text.Json;

namespace Course.Learning.Tests.Cli;

public class TrainCommandTests
{
    [Theory]
    [InlineData(new string[0], "--optimizer is required")]
    [InlineData(new[] { "--optimizer", "adam" }, "--optimizer 'adam' is not one of sgd, momentum, scratch, nesterov")]
    [InlineData(new[] { "--optimizer" }, "--optimizer needs a value")]
    [InlineData(new[] { "--optimizer", "sgd", "--epochs", "0" }, "--epochs expects an integer >= 1; got '0'")]
    [InlineData(new[] { "--optimizer", "sgd", "--epochs", "five" }, "--epochs expects an integer >= 1; got 'five'")]
    [InlineData(new[] { "--optimizer", "sgd", "--lr", "-0.1" }, "--lr must be > 0; got -0.1")]
    [InlineData(new[] { "--optimizer", "sgd", "--lr", "fast" }, "--lr expects a number such as 0.01; got 'fast'")]
    [InlineData(new[] { "--optimizer", "momentum", "--gamma", "1" }, "--gamma must be in [0, 1); got 1")]
    [InlineData(new[] { "--optimizer", "nesterov", "--gamma", "0" }, "--optimizer nesterov needs --gamma > 0")]
    [InlineData(new[] { "--optimizer", "sgd", "--batch-size", "-3" }, "--batch-size expects an integer >= 1; got '-3'")]
    [InlineData(new[] { "--optimizer", "sgd", "--verbose" }, "unknown option '--verbose'")]
    public void Train_BadArguments_ExitWith2AndSayWhatIsWrongThenTheUsage(string[] args, string message)
    {
        var outcome = CourseCli.Run(["train", .. args]);

        Assert.True(outcome.ExitCode == 2, $"exit code {outcome.ExitCode}; stderr: {outcome.Error}");
        Assert.Contains($"course train: {message}", outcome.Error);
        Assert.Contains("usage: course train --optimizer sgd|momentum|scratch|nesterov", outcome.Error);
    }

    [Fact]
    public void Train_MissingDataFolder_ExitsWith1NamingTheFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "no-mnist-here-" + Guid.NewGuid().ToString("N"));
        var outcome = CourseCli.Run("train", "--optimizer", "sgd", "--data", folder);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(folder, outcome.Error);
    }

    [Theory]
    [InlineData("sgd", "Sgd(learningRate: 1E+30, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false)")]
    [InlineData("momentum", "Momentum(learningRate: 1E+30, gamma: 0.9)")]
    [InlineData("nesterov", "Nesterov(learningRate: 1E+30, gamma: 0.9)")]
    public void Train_DivergingRun_ExitsWith1NamingTheOptimizerItRan(string optimizer, string shown)
    {
        var outcome = CourseCli.Run("train", "--optimizer", optimizer, "--lr", "1e30", "--epochs", "1");

        Assert.True(outcome.ExitCode == 1, $"exit code {outcome.ExitCode}; stderr: {outcome.Error}");
        Assert.Contains("course train: Training diverged: the loss became NaN at step ", outcome.Error);
        Assert.Contains($"with {shown}.", outcome.Error);
    }

    [Fact]
    [Trait("Category", "Slow")]   // a full MNIST epoch
    public void Train_OneEpochWithJson_PrintsAnEpochLineAndEndsWithParsableJson()
    {
        var outcome = CourseCli.Run("train", "--optimizer", "scratch", "--epochs", "1", "--json");

        Assert.True(outcome.ExitCode == 0, $"exit code {outcome.ExitCode}; stderr: {outcome.Error}");
        var lines = outcome.OutputLines;
        Assert.StartsWith("epoch 1/1  loss ", lines[0]);
        Assert.DoesNotContain('\r', outcome.Output);             // redirected: no progress bar
        using var json = JsonDocument.Parse(lines[^1]);
        var root = json.RootElement;
        Assert.Equal("scratch", root.GetProperty("optimizer").GetString());
        var epoch = Assert.Single(root.GetProperty("epochs").EnumerateArray().ToArray());
        Assert.Equal(1, epoch.GetProperty("epoch").GetInt32());
        SeedReference.AssertNear(SeedReference.MomentumLoss, epoch.GetProperty("loss").GetDouble(), "course train --optimizer scratch");
        Assert.True(epoch.GetProperty("seconds").GetDouble() > 0);
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0.9, 1.0);
    }
}
