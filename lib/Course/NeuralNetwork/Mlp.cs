namespace Course.NeuralNetwork;

/// <summary>The course's network, the seed's <c>nn.Sequential(nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 10))</c>.</summary>
public static class Mlp
{
    /// <summary>Pixels per MNIST image (28·28).</summary>
    public const int Inputs = 784;

    /// <summary>Width of the hidden layer.</summary>
    public const int Hidden = 200;

    /// <summary>Digit classes.</summary>
    public const int Classes = 10;

    /// <summary>784 → Linear → 200 → ReLU → Linear → 10, initialised from one generator seeded with <paramref name="seed"/>
    /// (W1, b1, then W2, b2); the parameters are named W1, b1, W2, b2.</summary>
    public static Sequential Create(long seed) => Create(seed, Inputs, Hidden, Classes);

    /// <summary>inputs → Linear → hidden → ReLU → Linear → classes, for tests and exercises on smaller data.</summary>
    public static Sequential Create(long seed, int inputs, int hidden, int classes)
    {
        var random = new SeededRandom(seed);
        return new Sequential(
            new Linear(inputs, hidden, random, "1"),
            new ReLU(hidden),
            new Linear(hidden, classes, random, "2"));
    }
}
