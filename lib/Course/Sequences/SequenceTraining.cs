using System.Diagnostics;
using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Training;

namespace Course.Sequences;

/// <summary>The settings of one language-model run; the defaults are notebook 09's.</summary>
/// <param name="Epochs">Passes over the training windows (default 3).</param>
/// <param name="Sequences">B, windows per batch (default 32).</param>
/// <param name="Steps">T, tokens per window: how far back BPTT reaches (default 24).</param>
/// <param name="Seed">Seeds the initialisation and the window order (default 0).</param>
/// <param name="ClipNorm">Gradient-norm clipping threshold; null (default) for none.</param>
public sealed record SequenceTrainingSettings(int Epochs = 3, int Sequences = 32, int Steps = 24, int Seed = 0, float? ClipNorm = null);

/// <summary>Where a run is: reported after every step and at the end of each epoch (then with the validation loss).</summary>
public sealed record SequenceProgress(int Epoch, int Step, int StepsPerEpoch, float Loss, float RunningLoss, float? ValidationLoss, TimeSpan Elapsed)
{
    public bool IsEpochEnd => ValidationLoss is not null;
}

/// <summary>What a run measured.</summary>
/// <param name="StepLosses">The training loss of every step, in order.</param>
/// <param name="EpochLosses">The mean training loss of each epoch.</param>
/// <param name="ValidationLosses">The validation loss after each epoch (nats per token).</param>
/// <param name="EpochSeconds">Training time of each epoch, validation excluded.</param>
/// <param name="TokensPerEpoch">Positions trained on per epoch (batches · B · T).</param>
public sealed record SequenceTrainingResult(float[] StepLosses, float[] EpochLosses, float[] ValidationLosses, double[] EpochSeconds, int TokensPerEpoch)
{
    /// <summary>e^{validation loss} after each epoch: the model is as unsure as a uniform choice among this many tokens.</summary>
    public double[] Perplexities => ValidationLosses.Select(l => Math.Exp(l)).ToArray();

    /// <summary>Training tokens per second over the whole run.</summary>
    public double TokensPerSecond => TokensPerEpoch * EpochSeconds.Length / EpochSeconds.Sum();
}

/// <summary>
/// Trains a <see cref="RnnLanguageModel"/>: each step runs <c>optimizer.BeforeForward(); forward; loss; backward;
/// [clip]; optimizer.Step();</c> on the loader's next batch, and each epoch ends with the loss on every validation window.
/// </summary>
public static class SequenceTrainer
{
    /// <param name="model">The model, trained in place.</param>
    /// <param name="optimizer">Built on <c>model.Parameters</c>.</param>
    /// <param name="train">Training token ids.</param>
    /// <param name="validation">Validation token ids, at least T + 1.</param>
    /// <param name="settings">Epochs, B, T, seed, clipping.</param>
    /// <param name="progress">Called after every step; null for none.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static SequenceTrainingResult Train(RnnLanguageModel model, IOptimizer optimizer, int[] train, int[] validation,
                                               SequenceTrainingSettings settings, Action<SequenceProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (settings.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Epochs, "Epochs must be at least 1.");
        var loader = new WindowLoader(train, settings.Sequences, settings.Steps, settings.Seed);
        var (stepLosses, epochLosses, validationLosses, seconds) = (new List<float>(), new float[settings.Epochs], new float[settings.Epochs], new double[settings.Epochs]);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Parameter> parameters = model.Parameters;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            double sum = 0;
            int step = 0;
            foreach (var batch in loader.NextEpoch())
            {
                // 1) gradient where the optimizer wants it, 2) optional clipping, 3) update
                optimizer.BeforeForward();
                float loss = model.ForwardBackward(batch);
                if (!float.IsFinite(loss)) throw new TrainingDivergedException(stepLosses.Count, epoch, loss, optimizer.ToString() ?? optimizer.GetType().Name);
                if (settings.ClipNorm is float clip) GradientClipping.ClipByGlobalNorm(parameters, clip);
                optimizer.Step();
                stepLosses.Add(loss);
                sum += loss;
                step++;
                if (step < loader.BatchesPerEpoch) progress?.Invoke(new SequenceProgress(epoch, step, loader.BatchesPerEpoch, loss, (float)(sum / step), null, clock.Elapsed));
            }
            seconds[epoch - 1] = epochClock.Elapsed.TotalSeconds;
            epochLosses[epoch - 1] = (float)(sum / step);
            validationLosses[epoch - 1] = model.Evaluate(validation, settings.Sequences, settings.Steps);
            progress?.Invoke(new SequenceProgress(epoch, step, loader.BatchesPerEpoch, stepLosses[^1], epochLosses[epoch - 1], validationLosses[epoch - 1], clock.Elapsed));
        }
        return new SequenceTrainingResult(stepLosses.ToArray(), epochLosses, validationLosses, seconds,
                                          loader.BatchesPerEpoch * settings.Sequences * settings.Steps);
    }
}
