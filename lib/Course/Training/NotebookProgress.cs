using System.Globalization;

namespace Course.Training;

/// <summary>
/// The progress function the MNIST notebooks pass to <see cref="Trainer.Train(NeuralNetwork.Sequential, Optimizers.IOptimizer, Data.MnistSet, Data.MnistSet, TrainingSettings?, Action{TrainingProgress}?)"/>:
/// a live line refreshed every few steps, and each epoch's mean loss printed in the seed's format
/// (<c>print(f"epoch: {epoch}, Train Loss: {train_loss:.6f}")</c>, epochs counted from 0). In a notebook:
/// <code>var status = LiveLine.Show("starting…");
/// var result = Trainer.Train(net, optimizer, mnist.Train, mnist.Test, settings, NotebookProgress.Live(status.Update));</code>
/// </summary>
public static class NotebookProgress
{
    /// <summary>Makes the progress function.</summary>
    /// <param name="show">Replaces the live line, e.g. <c>status.Update</c> of a <see cref="LiveLine"/>.</param>
    /// <param name="name">Names the run in front of both lines (e.g. "momentum"); null for no name.</param>
    /// <param name="printEpochs">Print each epoch's line to the console (stdout); false for a quiet run, such as one point of a grid.</param>
    /// <param name="every">Refresh the live line every this many steps, and at each epoch's last step; default 100.</param>
    /// <param name="output">Where the epoch lines go; null (default) for the console at the time of each line.</param>
    /// <exception cref="ArgumentOutOfRangeException">every is below 1.</exception>
    public static Action<TrainingProgress> Live(Action<string> show, string? name = null, bool printEpochs = true, int every = 100,
                                                TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(show);
        Guard.AtLeastOne(every, nameof(every));
        return p =>
        {
            if (p.Step % every == 0 || p.IsEpochEnd) show(StatusLine(p, name));
            if (p.IsEpochEnd && printEpochs) (output ?? Console.Out).WriteLine(EpochLine(p.Epoch, p.RunningLoss, name));
        };
    }

    /// <summary>The live line: <c>epoch 1/5: step 100/938, running loss 0.5123</c>, after "name: " when named.</summary>
    public static string StatusLine(TrainingProgress p, string? name = null) =>
        Named(name, string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs}: step {p.Step}/{p.StepsPerEpoch}, running loss {p.RunningLoss:F4}"));

    /// <summary>The seed's epoch line, <c>epoch: 0, Train Loss: 0.364215</c>, after "name: " when named.</summary>
    /// <param name="epoch">The epoch as the trainer counts it, from 1 (printed from 0, as the seed's loop does).</param>
    /// <param name="loss">The epoch's mean training loss.</param>
    /// <param name="name">The run's name, or null.</param>
    public static string EpochLine(int epoch, double loss, string? name = null) =>
        Named(name, string.Create(CultureInfo.InvariantCulture, $"epoch: {epoch - 1}, Train Loss: {loss:F6}"));

    static string Named(string? name, string line) => name is null ? line : $"{name}: {line}";
}
