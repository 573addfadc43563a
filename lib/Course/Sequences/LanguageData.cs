using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Sequences;

/// <summary>
/// The corpus as the model sees it: a vocabulary of the K most frequent GPT-2 tokens of the training text (plus the
/// rest), and both texts as model ids. What notebook 09, <c>course train --model rnn</c> and <c>course bench rnn</c> share.
/// </summary>
public sealed record LanguageData(TokenVocabulary Vocabulary, int[] Train, int[] Validation)
{
    /// <summary>Reads the corpus (checksummed), counts the training text's tokens and encodes both texts.</summary>
    /// <param name="keptTokens">K, the most frequent tokens kept (default 500).</param>
    /// <param name="folder">The corpus folder; null (default) for the repository's data/text.</param>
    /// <exception cref="TextCorpusException">The corpus cannot be read (the message names the file).</exception>
    public static LanguageData Load(int keptTokens = 500, string? folder = null)
    {
        var corpus = TextCorpus.Load(folder);
        var vocabulary = new TokenVocabulary(TokenVocabulary.Gpt2(), corpus.Train, keptTokens);
        return new LanguageData(vocabulary, vocabulary.Encode(corpus.Train), vocabulary.Encode(corpus.Validation));
    }

    /// <summary>The optimizer names the experiment compares.</summary>
    public static readonly string[] OptimizerNames = ["sgd", "momentum", "nesterov", "lookahead"];

    /// <summary>
    /// sgd: θ −= η·g. momentum: <c>Sgd(momentum: γ)</c>. nesterov: <c>Sgd(momentum: γ, nesterov: true)</c>, PyTorch's form.
    /// lookahead: <see cref="Course.Optimizers.Nesterov"/>, the seed's form with the gradient at θ − γ·v.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static IOptimizer CreateOptimizer(string name, IReadOnlyList<Parameter> parameters, float learningRate, float gamma) => name switch
    {
        "sgd" => new Sgd(parameters, learningRate),
        "momentum" => new Sgd(parameters, learningRate, momentum: gamma),
        "nesterov" => new Sgd(parameters, learningRate, momentum: gamma, nesterov: true),
        "lookahead" => new Nesterov(parameters, learningRate, gamma),
        _ => throw new ArgumentException($"Unknown optimizer '{name}'; expected one of {string.Join(", ", OptimizerNames)}.", nameof(name)),
    };
}
