using System.Globalization;
using Course.Kernels;
using Course.Sequences;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench rnn [--epochs N] [--vocab K] [--write-tokens FILE]</c>: seconds per epoch and training tokens per
/// second of notebook 09's recurrent language model (Embedding 501×32, Elman 32→64, Linear 64→501, B 32, T 24,
/// Sgd with Nesterov momentum, lr 0.3, γ 0.9) on the KJV training text. --write-tokens first writes the training
/// token ids (little-endian int32) for tests/bench/compare-pytorch-rnn.sh, which trains PyTorch's same model on them.
/// </summary>
public sealed class RnnBenchmark : IBenchmark
{
    public string Name => "rnn";
    public string Summary => "seconds per epoch and tokens/s of the recurrent language model (--epochs N, --vocab K, --write-tokens FILE)";

    public int Run(string[] args)
    {
        int epochs = 3, vocab = 500;
        string? tokensFile = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            int Positive(string option)
            {
                string text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
                    ? n : throw new UsageException($"{option} expects a whole number of at least 1, got '{text}'.");
            }
            switch (args[i])
            {
                case "--epochs": epochs = Positive("--epochs"); break;
                case "--vocab": vocab = Positive("--vocab"); break;
                case "--write-tokens": tokensFile = Value(); break;
                default: throw new UsageException($"unknown option '{args[i]}' for bench rnn.");
            }
        }

        var data = LanguageData.Load(vocab);
        if (tokensFile is not null)
        {
            using var writer = new BinaryWriter(File.Create(tokensFile));
            foreach (int id in data.Train) writer.Write(id);
        }
        var settings = new SequenceTrainingSettings(Epochs: epochs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"course bench rnn: {data.Train.Length} training tokens, vocabulary {data.Vocabulary.Size}, embedding 32, hidden 64, "
            + $"B {settings.Sequences}, T {settings.Steps}; kernels {MatrixKernels.InstructionSet}, {Environment.ProcessorCount} cores"));
        var model = new RnnLanguageModel(data.Vocabulary.Size, 32, 64, seed: 0);
        var optimizer = LanguageData.CreateOptimizer("nesterov", model.Parameters, 0.3f, 0.9f);
        var result = SequenceTrainer.Train(model, optimizer, data.Train, data.Validation, settings);
        for (int e = 0; e < epochs; e++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {e + 1}: {result.EpochSeconds[e]:F3} s  {result.TokensPerEpoch / result.EpochSeconds[e]:F0} tokens/s  train loss {result.EpochLosses[e]:F4}  validation {result.ValidationLosses[e]:F4}"));
        return CommandLine.Ok;
    }
}
