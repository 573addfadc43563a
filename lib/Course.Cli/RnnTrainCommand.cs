using System.Globalization;
using System.Text.Json;
using Course.Sequences;
using Course.Training;

namespace Course.Cli;

/// <summary>
/// <c>course train --model rnn [...]</c>: notebook 09's experiment from the terminal. Trains the recurrent language model
/// on the KJV text with each chosen optimizer from the same initial weights and the same batches, printing per epoch the
/// training loss, the validation loss and perplexity; a progress bar when stdout is a terminal; with --json, a last line
/// holding one JSON object. <see cref="TrainCommand"/> hands over to it when it sees <c>--model rnn</c>.
/// </summary>
public static class RnnTrainCommand
{
    public const string Usage =
        """
        usage: course train --model rnn [--optimizer sgd|momentum|nesterov|lookahead|all] [--epochs 3] [--lr 0.3]
                            [--gamma 0.9] [--vocab 500] [--batch-size 32] [--steps 24] [--seed 0] [--clip NORM]
                            [--sample 30] [--json] [--data DIR]

          --optimizer   sgd        plain SGD, theta -= lr*g
                        momentum   Sgd(momentum: gamma), torch.optim.SGD(momentum=gamma)
                        nesterov   Sgd(momentum: gamma, nesterov: true), PyTorch's Nesterov
                        lookahead  Nesterov: v = gamma*v + lr*grad(theta - gamma*v); theta -= v
                        all        each of the four in turn (default)
          --epochs      passes over the training windows (default 3)
          --lr          learning rate > 0 (default 0.3); --gamma momentum in (0, 1) (default 0.9)
          --vocab       K, the most frequent GPT-2 tokens kept; the rest share one id (default 500)
          --batch-size  windows per step (default 32); --steps tokens per window, how far BPTT reaches (default 24)
          --seed        seeds the initialisation and the window order (default 0)
          --clip        clip the gradients' global norm to NORM (default: no clipping)
          --sample      tokens of generated text printed after each run (default 30, 0 for none)
          --json        end with one line of JSON: {"model", "runs": [{"optimizer", "epochs": [{"epoch", "trainLoss",
                        "validationLoss", "perplexity", "seconds"}], "tokensPerSecond", "sample"}]}
          --data        folder holding kjv-train.txt and kjv-validation.txt (default: the repository's data/text)
        """;

    internal sealed record Options(string[] Optimizers, float LearningRate, float Gamma, int Vocabulary, SequenceTrainingSettings Settings,
                                   int Sample, bool Json, string? DataFolder);

    /// <summary>Removes <c>--model NAME</c> from <paramref name="args"/>; true when NAME is rnn, false for mlp or no --model.</summary>
    /// <exception cref="UsageException">--model without a value, or a model other than mlp and rnn.</exception>
    public static bool SelectsRnn(ref string[] args)
    {
        int at = Array.IndexOf(args, "--model");
        if (at < 0) return false;
        string model = at + 1 < args.Length ? args[at + 1] : throw new UsageException("--model needs a value (mlp or rnn).");
        if (model is not ("mlp" or "rnn")) throw new UsageException($"--model '{model}' is not one of mlp, rnn.");
        args = [.. args[..at], .. args[(at + 2)..]];
        return model == "rnn";
    }

    public static int Run(string[] args)
    {
        var o = Parse(args);
        var output = Console.Out;
        LanguageData data;
        try { data = LanguageData.Load(o.Vocabulary, o.DataFolder); }
        catch (TextCorpusException e)
        {
            Console.Error.WriteLine($"course train: {e.Message}");
            return CommandLine.Failed;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data.Train.Length} training and {data.Validation.Length} validation tokens; vocabulary {data.Vocabulary.Size} "
            + $"({data.Vocabulary.Coverage(data.Train):P1} of training tokens kept); lr {o.LearningRate}, gamma {o.Gamma}, seed {o.Settings.Seed}"));

        var runs = new List<object>();
        foreach (string name in o.Optimizers)
        {
            var model = new RnnLanguageModel(data.Vocabulary.Size, 32, 64, o.Settings.Seed);
            var optimizer = LanguageData.CreateOptimizer(name, model.Parameters, o.LearningRate, o.Gamma);
            bool bar = !Console.IsOutputRedirected;
            long lastDraw = 0;
            void Report(SequenceProgress p)
            {
                if (p.IsEpochEnd)
                {
                    if (bar) output.Write("\r" + new string(' ', 90) + "\r");
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-9} epoch {p.Epoch}/{o.Settings.Epochs}  train {p.RunningLoss:F4}  validation {p.ValidationLoss:F4}  perplexity {Math.Exp(p.ValidationLoss!.Value):F1}  {p.Elapsed.TotalSeconds:F1} s"));
                }
                else if (bar && Environment.TickCount64 - lastDraw >= 100)
                {
                    lastDraw = Environment.TickCount64;
                    int filled = p.Step * 30 / p.StepsPerEpoch;
                    output.Write(string.Create(CultureInfo.InvariantCulture,
                        $"\r{name,-9} epoch {p.Epoch}/{o.Settings.Epochs} [{new string('#', filled)}{new string('-', 30 - filled)}] {p.Step}/{p.StepsPerEpoch}  loss {p.RunningLoss:F4} "));
                }
            }
            SequenceTrainingResult result;
            try { result = SequenceTrainer.Train(model, optimizer, data.Train, data.Validation, o.Settings, Report); }
            catch (TrainingDivergedException e)
            {
                Console.Error.WriteLine($"course train: {name}: {e.Message}");
                return CommandLine.Failed;
            }
            string sample = o.Sample > 0 ? data.Vocabulary.Decode(model.Generate(data.Vocabulary.Encode("And the LORD said unto Moses,"), o.Sample, 0.8f, o.Settings.Seed)) : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-9} {result.TokensPerSecond:F0} tokens/s"));
            if (o.Sample > 0) output.WriteLine($"{name,-9} sample: And the LORD said unto Moses,{sample.ReplaceLineEndings(" / ")}");
            runs.Add(new
            {
                optimizer = name,
                epochs = result.EpochLosses.Select((loss, i) => new { epoch = i + 1, trainLoss = loss, validationLoss = result.ValidationLosses[i], perplexity = result.Perplexities[i], seconds = result.EpochSeconds[i] }),
                tokensPerSecond = result.TokensPerSecond,
                sample,
            });
        }
        if (o.Json) output.WriteLine(JsonSerializer.Serialize(new { model = "rnn", learningRate = o.LearningRate, gamma = o.Gamma, seed = o.Settings.Seed, runs }));
        return CommandLine.Ok;
    }

    /// <summary>Reads the arguments; every mistake becomes a <see cref="UsageException"/> naming the option and the value.</summary>
    internal static Options Parse(string[] args)
    {
        string optimizer = "all";
        string? data = null;
        bool json = false;
        float lr = 0.3f, gamma = 0.9f;
        int vocab = 500, sample = 30;
        var s = new SequenceTrainingSettings();
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i] : throw new UsageException($"{option} needs a value.");
            int Int(int min)
            {
                string text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min
                    ? v : throw new UsageException($"{option} expects an integer >= {min}; got '{text}'.");
            }
            float Float(Func<float, bool> valid, string expected)
            {
                string text = Value();
                return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) && valid(v)
                    ? v : throw new UsageException($"{option} expects {expected}; got '{text}'.");
            }
            switch (option)
            {
                case "--optimizer":
                    optimizer = Value();
                    if (optimizer != "all" && !LanguageData.OptimizerNames.Contains(optimizer))
                        throw new UsageException($"--optimizer '{optimizer}' is not one of {string.Join(", ", LanguageData.OptimizerNames)}, all.");
                    break;
                case "--epochs": s = s with { Epochs = Int(1) }; break;
                case "--batch-size": s = s with { Sequences = Int(1) }; break;
                case "--steps": s = s with { Steps = Int(1) }; break;
                case "--seed": s = s with { Seed = Int(0) }; break;
                case "--vocab": vocab = Int(1); break;
                case "--sample": sample = Int(0); break;
                case "--lr": lr = Float(v => v > 0, "a number > 0 such as 0.1"); break;
                case "--gamma": gamma = Float(v => v > 0 && v < 1, "a number in (0, 1) such as 0.9"); break;
                case "--clip": s = s with { ClipNorm = Float(v => v > 0, "a norm > 0 such as 5") }; break;
                case "--json": json = true; break;
                case "--data": data = Value(); break;
                default: throw new UsageException($"unknown option '{option}' for --model rnn.");
            }
        }
        string[] optimizers = optimizer == "all" ? LanguageData.OptimizerNames : [optimizer];
        return new Options(optimizers, lr, gamma, vocab, s, sample, json, data);
    }
}
