namespace Course.Training;

/// <summary>What a training run measured, ready to plot and compare.</summary>
/// <param name="StepLosses">The loss of every step whose global index (from 0, across epochs) is a multiple of
/// <see cref="TrainingSettings.LossEvery"/>, as the seed's <c>if idx % 30 == 0: losses.append(loss)</c>.</param>
/// <param name="EpochLosses">Per epoch, the mean of its step losses (the seed's <c>train_loss / len(train_data)</c>).</param>
/// <param name="EpochSeconds">Per epoch, the wall-clock seconds of its training steps.</param>
/// <param name="TestAccuracy">The fraction of test images classified correctly after the last epoch, in [0, 1].</param>
public sealed record TrainingResult(
    IReadOnlyList<float> StepLosses,
    IReadOnlyList<double> EpochLosses,
    IReadOnlyList<double> EpochSeconds,
    double TestAccuracy);
