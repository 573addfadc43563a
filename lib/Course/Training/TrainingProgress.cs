namespace Course.Training;

/// <summary>A snapshot reported after every training step, for a progress bar or a notebook display.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Step">The step just finished within the epoch, from 1 to <paramref name="StepsPerEpoch"/>.</param>
/// <param name="StepsPerEpoch">Batches per epoch.</param>
/// <param name="RunningLoss">Mean loss of this epoch's steps so far; at the last step, the epoch's loss.</param>
/// <param name="Elapsed">Time since this epoch began; at the last step, the epoch's duration.</param>
/// <param name="Epochs">The epochs of the whole run (<see cref="TrainingSettings.Epochs"/>).</param>
public readonly record struct TrainingProgress(int Epoch, int Step, int StepsPerEpoch, double RunningLoss, TimeSpan Elapsed, int Epochs)
{
    /// <summary>True at the last step of an epoch.</summary>
    public bool IsEpochEnd => Step == StepsPerEpoch;

    /// <summary>Fraction of the epoch done, in (0, 1].</summary>
    public double Fraction => (double)Step / StepsPerEpoch;
}
