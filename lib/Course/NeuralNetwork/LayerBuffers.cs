namespace Course.NeuralNetwork;

/// <summary>
/// The reused buffers of the layers and the loss (see <see cref="ILayer"/>): each keeps its output and gradient arrays
/// from one call to the next, so a training step allocates nothing once the largest batch has been seen.
/// </summary>
internal static class LayerBuffers
{
    /// <summary>Grows a reused buffer when a larger batch arrives; a smaller batch reuses the prefix.</summary>
    public static void EnsureCapacity(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }
}
