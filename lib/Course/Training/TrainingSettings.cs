namespace Course.Training;

/// <summary>
/// The knobs of a training run, defaulting to the seed's: 5 epochs of mini-batches of 64, the loss recorded every 30
/// steps. The step size η and momentum γ belong to the optimizer (<c>new Momentum(ps, learningRate: 0.01f, gamma: 0.9f)</c>).
/// </summary>
/// <param name="Epochs">Passes over the training set, at least 1.</param>
/// <param name="BatchSize">Images per step, at least 1; the last batch of an epoch may be smaller (60000 = 937·64 + 32).</param>
/// <param name="Seed">Seeds the order of the training batches (and, by convention, the network: <c>Mlp.Create(Seed)</c>).</param>
/// <param name="LossEvery">Record the loss of every step whose global index is a multiple of this (the seed: 30).</param>
public sealed record TrainingSettings(
    int Epochs = 5,
    int BatchSize = 64,
    int Seed = 0,
    int LossEvery = 30)
{
    /// <summary>Throws if a value is outside its range; the message names the value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Epochs, BatchSize or LossEvery below 1.</exception>
    public void Validate()
    {
        Guard.AtLeastOne(Epochs, nameof(Epochs));
        Guard.AtLeastOne(BatchSize, nameof(BatchSize));
        Guard.AtLeastOne(LossEvery, nameof(LossEvery));
    }
}
