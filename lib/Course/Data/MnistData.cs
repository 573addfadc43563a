namespace Course.Data;

/// <summary>The two MNIST splits: 60,000 training images and 10,000 test images.</summary>
public sealed record MnistData(MnistSet Train, MnistSet Test);
