using System.Text;
using Course.Sequences;

namespace Course.Data.Tests;

/// <summary>The committed text corpus, its reader's errors, and the tokenizer's round trip on it.</summary>
public class TextCorpusTests
{
    static readonly Lazy<TextCorpus> Corpus = new(() => TextCorpus.Load());

    [Fact]
    public void Load_CommittedCorpus_PassesItsChecksumsAndIsOverHalfAMegabyte()
    {
        var corpus = Corpus.Value;
        Assert.Equal(668_667, corpus.Train.Length);
        Assert.Equal(146_434, corpus.Validation.Length);
        Assert.StartsWith("In the beginning God created the heaven and the earth.", corpus.Train);
        Assert.StartsWith("These be the words which Moses spake unto all Israel", corpus.Validation);
        Assert.True(corpus.Train.Length + corpus.Validation.Length >= 500_000);
    }

    [Fact]
    public void ReadText_MissingFile_ThrowsNamingThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-corpus-{Guid.NewGuid():N}.txt");
        var e = Assert.Throws<TextCorpusNotFoundException>(() => TextCorpus.ReadText(path));
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Load_AlteredFile_ThrowsWithBothChecksums()
    {
        using var folder = new TempCorpus();
        folder.Write(TextCorpus.TrainFile, Encoding.UTF8.GetBytes(Corpus.Value.Train.Replace("Moses", "Mosès")));
        folder.Write(TextCorpus.ValidationFile, Encoding.UTF8.GetBytes(Corpus.Value.Validation));
        var e = Assert.Throws<TextCorpusChecksumException>(() => TextCorpus.Load(folder.Path));
        Assert.Contains(TextCorpus.TrainFile, e.Message);
        Assert.Contains(TextCorpus.Checksums[TextCorpus.TrainFile], e.Message);
        Assert.Contains(e.ActualSha256, e.Message);
        Assert.NotEqual(e.ExpectedSha256, e.ActualSha256);
    }

    [Fact]
    public void ReadText_NotUtf8_ThrowsNamingTheFileAndTheByteOffset()
    {
        using var folder = new TempCorpus();
        string path = folder.Write("latin1.txt", [(byte)'a', (byte)'b', 0xE9, (byte)'c']);   // é in Latin-1 is not UTF-8
        var e = Assert.Throws<TextCorpusException>(() => TextCorpus.ReadText(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not valid UTF-8", e.Message);
        Assert.Contains("offset 2", e.Message);
    }

    [Fact]
    public void ReadText_EmptyFile_Throws()
    {
        using var folder = new TempCorpus();
        string path = folder.Write("empty.txt", []);
        Assert.Contains("is empty", Assert.Throws<TextCorpusException>(() => TextCorpus.ReadText(path)).Message);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsNamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}");
        Assert.Contains(path, Assert.Throws<TextCorpusNotFoundException>(() => TextCorpus.Load(path)).Message);
    }

    [Fact]
    public void Gpt2_DecodingTheEncodedValidationText_GivesTheTextBack()
    {
        var tokenizer = TokenVocabulary.Gpt2();
        var ids = tokenizer.EncodeToIds(Corpus.Value.Validation);
        Assert.True(ids.Count > 30_000, $"{ids.Count} tokens");
        Assert.Equal(Corpus.Value.Validation, tokenizer.Decode(ids));
    }

    [Fact]
    public void Vocabulary_KeepsTheMostFrequentTokens_AndMapsTheRestToOneId()
    {
        var vocabulary = new TokenVocabulary(TokenVocabulary.Gpt2(), Corpus.Value.Train, size: 500);
        Assert.Equal(501, vocabulary.Size);
        int[] train = vocabulary.Encode(Corpus.Value.Train);
        var counts = train.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        for (int id = 1; id < 500; id++) Assert.True(counts[id - 1] >= counts[id], $"model id {id - 1} is rarer than {id}");
        Assert.InRange(vocabulary.Coverage(train), 0.8, 0.99);   // the rest is real but rare
        // a sentence of frequent words decodes back exactly; a rare name becomes the rest marker
        const string sentence = "And the LORD spake unto Moses, saying,";
        Assert.Equal(sentence, vocabulary.Decode(vocabulary.Encode(sentence)));
        Assert.Contains(TokenVocabulary.RestMarker, vocabulary.Decode(vocabulary.Encode("Zaphnathpaaneah")));
    }

    sealed class TempCorpus : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("corpus-").FullName;
        public string Write(string name, byte[] bytes)
        {
            string file = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(file, bytes);
            return file;
        }
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
