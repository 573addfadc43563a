using Course.Training;

namespace Course.Learning.Tests.Training;

public class NotebookProgressTests
{
    static IEnumerable<TrainingProgress> Run(int epochs, int steps) =>
        from epoch in Enumerable.Range(1, epochs)
        from step in Enumerable.Range(1, steps)
        select new TrainingProgress(epoch, step, steps, RunningLoss: 1.0 / (epoch * step), TimeSpan.FromSeconds(step), epochs);

    [Fact]
    public void Live_ShowsEveryHundredthStepAndEachEpochsEnd_AndPrintsTheSeedsLinePerEpoch()
    {
        var shown = new List<string>();
        var printed = new StringWriter();
        var report = NotebookProgress.Live(shown.Add, output: printed);

        foreach (var p in Run(epochs: 2, steps: 250)) report(p);

        Assert.Equal(
            ["epoch 1/2: step 100/250, running loss 0.0100", "epoch 1/2: step 200/250, running loss 0.0050",
             "epoch 1/2: step 250/250, running loss 0.0040", "epoch 2/2: step 100/250, running loss 0.0050",
             "epoch 2/2: step 200/250, running loss 0.0025", "epoch 2/2: step 250/250, running loss 0.0020"], shown);
        // The seed's print(f"epoch: {epoch}, Train Loss: {train_loss:.6f}"), epochs from 0.
        Assert.Equal(["epoch: 0, Train Loss: 0.004000", "epoch: 1, Train Loss: 0.002000"],
                     printed.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Live_NamedAndQuiet_PutsTheNameInFrontAndPrintsNothing()
    {
        var shown = new List<string>();
        var printed = new StringWriter();
        var report = NotebookProgress.Live(shown.Add, name: "momentum", printEpochs: false, every: 2, output: printed);

        foreach (var p in Run(epochs: 1, steps: 3)) report(p);

        Assert.Equal(["momentum: epoch 1/1: step 2/3, running loss 0.5000", "momentum: epoch 1/1: step 3/3, running loss 0.3333"], shown);
        Assert.Equal("", printed.ToString());
        Assert.Equal("momentum: epoch: 4, Train Loss: 0.125000", NotebookProgress.EpochLine(5, 0.125, "momentum"));
    }

    [Fact]
    public void Live_EveryBelowOne_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NotebookProgress.Live(_ => { }, every: 0));
        Assert.Equal("every", e.ParamName);
    }
}
