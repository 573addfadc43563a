namespace Course.Sequences;

/// <summary>
/// The Elman layer's forward pass and backpropagation through time as the formulas read, one sequence and one step
/// at a time, with no matrix kernel: the reference that <see cref="ElmanRnn"/>'s fast path is tested against.
/// Shapes as in <see cref="ElmanRnn"/>: W (hidden, inputs), U (hidden, hidden), b (hidden); rows time-major, t·B + s.
/// </summary>
public static class ElmanRnnReference
{
    /// <summary>h_t = tanh(W·x_t + U·h_{t−1} + b) from h_{−1} = 0. Returns H: (T·B, hidden).</summary>
    public static float[] Forward(float[] w, float[] u, float[] b, float[] x, int inputs, int hidden, int batch, int steps)
    {
        var h = new float[steps * batch * hidden];
        for (int s = 0; s < batch; s++)
            for (int t = 0; t < steps; t++)
            {
                int row = t * batch + s, previous = (t - 1) * batch + s;
                for (int i = 0; i < hidden; i++)
                {
                    double z = b[i];
                    for (int j = 0; j < inputs; j++) z += w[i * inputs + j] * x[row * inputs + j];
                    if (t > 0) for (int j = 0; j < hidden; j++) z += u[i * hidden + j] * h[previous * hidden + j];
                    h[row * hidden + i] = (float)Math.Tanh(z);
                }
            }
        return h;
    }

    /// <summary>
    /// BPTT from the states H of <see cref="Forward"/> and the loss's gradient dH: for t = T−1..0,
    /// dh_t = dH_t + Uᵀ·dz_{t+1}, dz_t = dh_t ⊙ (1 − h_t²), dW += dz_t·x_tᵀ, dU += dz_t·h_{t−1}ᵀ, db += dz_t, dx_t = Wᵀ·dz_t.
    /// </summary>
    public static (float[] dW, float[] dU, float[] db, float[] dX) Backward(float[] w, float[] u, float[] x, float[] h, float[] dH,
                                                                          int inputs, int hidden, int batch, int steps)
    {
        var (dW, dU, db, dX) = (new double[hidden * inputs], new double[hidden * hidden], new double[hidden], new float[x.Length]);
        for (int s = 0; s < batch; s++)
        {
            var dz = new double[hidden];
            var next = new double[hidden]; // dz_{t+1}
            for (int t = steps - 1; t >= 0; t--)
            {
                int row = t * batch + s, previous = (t - 1) * batch + s;
                for (int i = 0; i < hidden; i++)
                {
                    double dh = dH[row * hidden + i];
                    if (t < steps - 1) for (int k = 0; k < hidden; k++) dh += u[k * hidden + i] * next[k];
                    double state = h[row * hidden + i];
                    dz[i] = dh * (1 - state * state);
                }
                for (int i = 0; i < hidden; i++)
                {
                    db[i] += dz[i];
                    for (int j = 0; j < inputs; j++) dW[i * inputs + j] += dz[i] * x[row * inputs + j];
                    if (t > 0) for (int j = 0; j < hidden; j++) dU[i * hidden + j] += dz[i] * h[previous * hidden + j];
                }
                for (int j = 0; j < inputs; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < hidden; i++) sum += w[i * inputs + j] * dz[i];
                    dX[row * inputs + j] = (float)sum;
                }
                (next, dz) = (dz, next);
            }
        }
        static float[] ToFloat(double[] a) => a.Select(v => (float)v).ToArray();
        return (ToFloat(dW), ToFloat(dU), ToFloat(db), dX);
    }
}
