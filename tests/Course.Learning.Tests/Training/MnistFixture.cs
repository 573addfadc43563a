using Course.Data;

namespace Course.Learning.Tests.Training;

/// <summary>The real MNIST files from the repository's data/mnist, loaded once for every training test.</summary>
public sealed class MnistFixture
{
    public MnistFixture() => Data = Mnist.Load(Mnist.FindDataFolder());

    public MnistData Data { get; }
}

[CollectionDefinition(Name)]
public sealed class MnistCollection : ICollectionFixture<MnistFixture>
{
    public const string Name = "real MNIST";
}
