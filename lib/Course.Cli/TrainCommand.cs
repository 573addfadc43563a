using System.Globalization;
using System.Text.Json;
using Course.Data;
using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Training;

namespace Course.Cli;

/// <summary>
/// <c>course train --optimizer sgd|momentum|scratch|nesterov [--epochs 5] ...</c>: trains the seed's 784-200-10 MLP
/// on MNIST, printing one line per epoch (mean loss, seconds) and the test accuracy; a progress bar when stdout is a
/// terminal; with --json, a last line holding one JSON object.
/// </summary>
public sealed class TrainCommand : ICommand
{
    public string Name => "train";
    public string Summary => "train the 784-200-10 MLP on MNIST with sgd, momentum, scratch or nesterov";
    public string Usage =>
        """
        usage: course train --optimizer sgd|momentum|scratch|nesterov [--epochs 5] [--lr 0.01] [--gamma 0.9]
                            [--batch-size 64] [--seed 0] [--json] [--data DIR]

          --optimizer   sgd       torch.optim.SGD without momentum (Sgd)
                        momentum  the seed's momentum: v = gamma*v + lr*g; theta -= v (Momentum)
                        scratch   the seed's hand-written sgd_momentum: v = gamma*v + lr*g; theta -= v
                        nesterov  look-ahead momentum: v = gamma*v + lr*grad(theta - gamma*v); theta -= v
          --epochs      passes over the 60000 training images (default 5)
          --lr          learning rate eta > 0 (default 0.01)
          --gamma       momentum parameter in [0, 1), ignored by sgd (default 0.9)
          --batch-size  images per step (default 64)
          --seed        seeds the network's initialisation and the batch order (default 0)
          --json        end with one line of JSON: {"optimizer", "epochs": [{"epoch", "loss", "seconds"}], "testAccuracy"}
          --data        folder holding the four MNIST files (default: the repository's data/mnist)
          --model       mlp (default), or rnn for notebook 09's language model, whose options follow

        """ + RnnTrainCommand.Usage;

    static readonly string[] Optimizers = ["sgd", "momentum", "scratch", "nesterov"];

    /// <summary>The parsed command line: η and γ go to the optimizer, the rest to the trainer.</summary>
    internal sealed record Options(string Optimizer, float LearningRate, float Gamma, TrainingSettings Settings, bool Json, string? DataFolder);

    public int Run(string[] args)
    {
        if (RnnTrainCommand.SelectsRnn(ref args)) return RnnTrainCommand.Run(args);   // --model rnn: notebook 09's language model
        var options = Parse(args);
        var output = Console.Out;

        MnistData data;
        try
        {
            data = Mnist.Load(options.DataFolder ?? Mnist.FindDataFolder());
        }
        catch (IdxFormatException e)
        {
            Console.Error.WriteLine($"course train: {e.Message}");
            return CommandLine.Failed;
        }

        var settings = options.Settings;
        var network = Mlp.Create(settings.Seed);
        var bar = Console.IsOutputRedirected ? null : new ProgressBar(output, settings.Epochs);
        void Report(TrainingProgress p)
        {
            bar?.Show(p);
            if (p.IsEpochEnd)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {p.Epoch}/{settings.Epochs}  loss {p.RunningLoss:F6}  {p.Elapsed.TotalSeconds:F2} s"));
        }

        TrainingResult result;
        try
        {
            result = options.Optimizer == "scratch"
                ? TrainScratch(network, data, options, Report)
                : Trainer.Train(network, CreateOptimizer(network, options), data.Train, data.Test, settings, Report);
        }
        catch (TrainingDivergedException e)
        {
            bar?.Clear();
            Console.Error.WriteLine($"course train: {e.Message}");
            return CommandLine.Failed;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test accuracy {result.TestAccuracy * 100:F2} %  ({result.EpochSeconds.Sum():F1} s training)"));
        if (options.Json) output.WriteLine(ToJson(options.Optimizer, result));
        return CommandLine.Ok;
    }

    /// <summary>The seed's hand-written momentum: zero velocities, then <c>sgd_momentum(parameters, vs, lr, gamma)</c> after each backward pass.</summary>
    static TrainingResult TrainScratch(Sequential network, MnistData data, Options o, Action<TrainingProgress> report)
    {
        var velocities = Momentum.ZeroVelocities(network.Parameters);
        return Trainer.Train(network, parameters => Momentum.SgdMomentum(parameters, velocities, o.LearningRate, o.Gamma),
                             data.Train, data.Test, o.Settings, report);
    }

    static IOptimizer CreateOptimizer(Sequential network, Options o) => o.Optimizer switch
    {
        "sgd" => new Sgd(network.Parameters, o.LearningRate),
        "momentum" => new Momentum(network.Parameters, o.LearningRate, o.Gamma),
        "nesterov" => new Nesterov(network.Parameters, o.LearningRate, o.Gamma),
        _ => throw new UsageException($"unknown optimizer '{o.Optimizer}'."),
    };

    internal static string ToJson(string optimizer, TrainingResult result)
    {
        var epochs = result.EpochLosses.Select((loss, i) => new { epoch = i + 1, loss, seconds = result.EpochSeconds[i] });
        return JsonSerializer.Serialize(new { optimizer, epochs, testAccuracy = result.TestAccuracy });
    }

    /// <summary>Reads the arguments; every mistake becomes a <see cref="UsageException"/> naming the option and the value.</summary>
    internal static Options Parse(string[] args)
    {
        string? optimizer = null, data = null;
        bool json = false;
        float learningRate = 0.01f, gamma = 0.9f;
        var s = new TrainingSettings();
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{option} needs a value.");
            switch (option)
            {
                case "--optimizer":
                    optimizer = Value();
                    if (!Optimizers.Contains(optimizer))
                        throw new UsageException($"--optimizer '{optimizer}' is not one of {string.Join(", ", Optimizers)}.");
                    break;
                case "--epochs": s = s with { Epochs = Int(option, Value(), min: 1) }; break;
                case "--batch-size": s = s with { BatchSize = Int(option, Value(), min: 1) }; break;
                case "--seed": s = s with { Seed = Int(option, Value(), min: int.MinValue) }; break;
                case "--lr":
                    learningRate = Float(option, Value());   // finite: Float refuses the rest
                    if (!Guard.IsLearningRate(learningRate))
                        throw new UsageException($"--lr must be > 0; got {learningRate.ToString(CultureInfo.InvariantCulture)}.");
                    break;
                case "--gamma":
                    gamma = Float(option, Value());
                    if (!Guard.IsGamma(gamma))
                        throw new UsageException($"--gamma must be in [0, 1); got {gamma.ToString(CultureInfo.InvariantCulture)}.");
                    break;
                case "--json": json = true; break;
                case "--data": data = Value(); break;
                default: throw new UsageException($"unknown option '{option}'.");
            }
        }
        if (optimizer is null) throw new UsageException("--optimizer is required (sgd, momentum, scratch or nesterov).");
        if (optimizer == "nesterov" && gamma == 0) throw new UsageException("--optimizer nesterov needs --gamma > 0.");
        return new Options(optimizer, learningRate, gamma, s, json, data);
    }

    static int Int(string option, string text, int min) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min
            ? value
            : throw new UsageException(min == int.MinValue
                ? $"{option} expects an integer; got '{text}'."
                : $"{option} expects an integer >= {min}; got '{text}'.");

    static float Float(string option, string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value)
            ? value
            : throw new UsageException($"{option} expects a number such as 0.01; got '{text}'.");

    /// <summary>A one-line bar redrawn in place with '\r', at most ten times a second.</summary>
    sealed class ProgressBar(TextWriter output, int epochs)
    {
        const int Width = 30;
        long _lastDraw;

        public void Show(TrainingProgress p)
        {
            long now = Environment.TickCount64;
            if (p.IsEpochEnd) { Clear(); return; }
            if (now - _lastDraw < 100) return;
            _lastDraw = now;
            int filled = (int)(p.Fraction * Width);
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"\repoch {p.Epoch}/{epochs} [{new string('#', filled)}{new string('-', Width - filled)}] " +
                $"{p.Step}/{p.StepsPerEpoch}  loss {p.RunningLoss:F4}  {p.Elapsed.TotalSeconds:F1} s "));
            output.Flush();
        }

        public void Clear() => output.Write("\r" + new string(' ', Width + 60) + "\r");
    }
}
