namespace Course.Training;

/// <summary>
/// The knobs of a training run, defaulting to the seed's: 5 epochs of mini-batches of 64, η = 0.01, γ = 0.9.
/// </summary>
/// <param name="Epochs">Passes over the training set, at least 1.</param>
/// <param name="BatchSize">Images per step, at least 1; the last batch of an epoch may be smaller (60000 = 937·64 + 32).</param>
/// <param name="LearningRate">η, used by the optimizers the caller builds and named in the divergence message.</param>
/// <param name="Gamma">γ, the momentum parameter, for the caller's optimizer.</param>
/// <param name="Seed">Seeds the order of the training batches (and, by convention, the network: <c>Mlp.Create(Seed)</c>).</param>
/// <param name="LossEvery">Record the loss of every step whose global index is a multiple of this (the seed: 30).</param>
public sealed record TrainingSettings(
    int Epochs = 5,
    int BatchSize = 64,
    float LearningRate = 0.01f,
    float Gamma = 0.9f,
    int Seed = 0,
    int LossEvery = 30)
{
    /// <summary>Throws if a value is outside its range; the message names the value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Epochs, BatchSize or LossEvery below 1, η not positive, γ outside [0, 1).</exception>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"Epochs must be at least 1; got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"BatchSize must be at least 1; got {BatchSize}.");
        if (LossEvery < 1) throw new ArgumentOutOfRangeException(nameof(LossEvery), LossEvery, $"LossEvery must be at least 1; got {LossEvery}.");
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"LearningRate must be a finite number > 0; got {LearningRate}.");
        if (!(Gamma >= 0 && Gamma < 1))
            throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, $"Gamma must be in [0, 1); got {Gamma}.");
    }
}
