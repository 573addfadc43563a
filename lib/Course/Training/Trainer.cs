using System.Diagnostics;
using Course.Data;
using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Training;

/// <summary>
/// The seed's training loop: for each epoch and each shuffled mini-batch, forward, cross-entropy loss, backward,
/// update; record the loss every <see cref="TrainingSettings.LossEvery"/> steps and each epoch's mean; finally
/// measure test accuracy. Buffers are reused, so a step allocates nothing.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> with an optimizer object (Sgd, Momentum, Nesterov, ...).</summary>
    /// <param name="network">A classifier whose input width is 784 and output width is 10 (e.g. <c>Mlp.Create(seed)</c>).</param>
    /// <param name="optimizer">Updates the network's parameters; it owns η and γ, and its <c>ToString()</c> is named if training diverges.</param>
    /// <param name="train">The training images, shuffled each epoch with <see cref="TrainingSettings.Seed"/>.</param>
    /// <param name="test">The images on which accuracy is measured at the end.</param>
    /// <param name="settings">Epochs, batch size, seed and how often to record the loss; null for the seed's defaults.</param>
    /// <param name="progress">Called after every step; keep it quick (it counts toward the epoch's time). Until the last
    /// step the parameters it could see are where the next gradient is taken (θ itself, except with Nesterov: the
    /// look-ahead point θ − γ·v); Train returns with them at θ.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the message names the step and the optimizer.</exception>
    /// <exception cref="ArgumentException">The network does not map 784 pixels to 10 classes, or a setting is out of range.</exception>
    public static TrainingResult Train(Sequential network, IOptimizer optimizer, MnistSet train, MnistSet test,
                                       TrainingSettings? settings = null, Action<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return Run(network, optimizer, train, test, settings ?? new TrainingSettings(), progress);
    }

    /// <summary>
    /// Trains with a hand-written update function instead of an optimizer object: after each backward pass,
    /// <paramref name="update"/> receives the parameters (W1, b1, W2, b2) with their gradients in Grad, e.g.
    /// <c>ps => MySgdMomentum(ps, velocities, 0.01f, 0.9f)</c> as in the seed's <c>sgd_momentum(net.parameters(), vs, 1e-2, 0.9)</c>.
    /// The function owns its η and γ; a divergence message names it as "a hand-written update function".
    /// </summary>
    /// <inheritdoc cref="Train(Sequential, IOptimizer, MnistSet, MnistSet, TrainingSettings?, Action{TrainingProgress}?)"/>
    public static TrainingResult Train(Sequential network, Action<IReadOnlyList<Parameter>> update, MnistSet train, MnistSet test,
                                       TrainingSettings? settings = null, Action<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(network);
        return Run(network, new UpdateFunction(network.Parameters, update), train, test, settings ?? new TrainingSettings(), progress);
    }

    static TrainingResult Run(Sequential network, IOptimizer optimizer, MnistSet train, MnistSet test,
                              TrainingSettings settings, Action<TrainingProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        settings.Validate();
        CheckShape(network);

        var loader = new BatchLoader(train, settings.BatchSize, settings.Seed, shuffle: true);
        var loss = new CrossEntropyLoss(MnistSet.Classes);
        // sized up front, so that no step grows a list (a step allocates nothing)
        int steps = settings.Epochs * loader.BatchesPerEpoch;
        var stepLosses = new List<float>(steps / settings.LossEvery + 1);
        var epochLosses = new List<double>(settings.Epochs);
        var epochSeconds = new List<double>(settings.Epochs);
        int globalStep = 0;

        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            long start = Stopwatch.GetTimestamp();
            double lossSum = 0;
            int step = 0;
            foreach (var batch in loader.NextEpoch())
            {
                // 1) forward, at the point the optimizer chooses (Nesterov: the look-ahead point; from the second step
                //    on, the previous step's update has already moved there, see 3)
                if (globalStep == 0) optimizer.BeforeForward();
                float[] logits = network.Forward(batch.Inputs, batch.Count);
                float value = loss.Forward(logits, batch.Labels, batch.Count);
                if (!float.IsFinite(value)) throw new TrainingDivergedException(globalStep, epoch, value, optimizer.ToString() ?? optimizer.GetType().Name);

                // 2) backward: every parameter's Grad is overwritten
                network.Backward(loss.LogitsGradient, batch.Count);

                // 3) update; between two steps, with the next step's BeforeForward in the same call (Nesterov fuses the
                //    two passes over its arrays into one)
                if (globalStep + 1 < steps) optimizer.StepThenBeforeForward();
                else optimizer.Step();

                // 4) bookkeeping, as the seed: the loss every LossEvery steps and the epoch's running sum
                lossSum += value;
                if (globalStep % settings.LossEvery == 0) stepLosses.Add(value);
                globalStep++;
                step++;
                progress?.Invoke(new TrainingProgress(epoch, step, loader.BatchesPerEpoch, lossSum / step,
                                                      Stopwatch.GetElapsedTime(start), settings.Epochs));
            }
            epochSeconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            epochLosses.Add(lossSum / loader.BatchesPerEpoch);
        }

        double accuracy = Evaluate(network, test, settings.BatchSize);
        return new TrainingResult(stepLosses, epochLosses, epochSeconds, accuracy);
    }

    /// <summary>Accuracy = (1/N)·Σ [argmax_j f(x)_j = label], computed in batches in the set's order.</summary>
    /// <param name="network">A classifier from 784 pixels to 10 classes.</param>
    /// <param name="set">The images to classify.</param>
    /// <param name="batchSize">Images per forward pass; default 64, the training batch size, so no buffer grows.</param>
    /// <returns>The fraction classified correctly, in [0, 1].</returns>
    public static double Evaluate(Sequential network, MnistSet set, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(set);
        CheckShape(network);
        int classes = network.OutputWidth, correct = 0;
        foreach (var batch in new BatchLoader(set, batchSize, shuffle: false).NextEpoch())
        {
            float[] logits = network.Forward(batch.Inputs, batch.Count);   // (batch, classes)
            for (int row = 0; row < batch.Count; row++)
            {
                int best = 0;
                for (int j = 1; j < classes; j++)
                    if (logits[row * classes + j] > logits[row * classes + best]) best = j;
                if (best == batch.Labels[row]) correct++;
            }
        }
        return (double)correct / set.Count;
    }

    static void CheckShape(Sequential network)
    {
        if (network.InputWidth != MnistSet.PixelsPerImage || network.OutputWidth != MnistSet.Classes)
            throw new ArgumentException(
                $"The network maps {network.InputWidth} inputs to {network.OutputWidth} outputs; MNIST needs " +
                $"{MnistSet.PixelsPerImage} → {MnistSet.Classes}.", nameof(network));
    }

    /// <summary>A hand-written update function seen as an optimizer.</summary>
    sealed class UpdateFunction(IReadOnlyList<Parameter> parameters, Action<IReadOnlyList<Parameter>> update) : IOptimizer
    {
        public void Step() => update(parameters);
        public override string ToString() => "a hand-written update function";
    }
}
