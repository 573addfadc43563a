namespace Course.Data;

/// <summary>
/// Loads MNIST from a folder holding the four canonical IDX files, gzipped (<c>name.gz</c>, preferred)
/// or raw (<c>name</c>), and checks everything before returning: magic numbers, 28×28 images, declared
/// counts against file lengths, as many labels as images, labels 0..9, and the SHA-256 of each file's
/// decompressed content. The same code loads any data set with MNIST's layout and file names
/// (Fashion-MNIST) when given its own checksum table or none.
/// Nothing is ever written to the folder.
/// </summary>
public static partial class Mnist
{
    public const string TrainImagesFile = "train-images-idx3-ubyte";
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>SHA-256 of the decompressed canonical MNIST files (LeCun, Cortes, Burges), by file name.</summary>
    public static IReadOnlyDictionary<string, string> CanonicalSha256 { get; } = new Dictionary<string, string>
    {
        [TrainImagesFile] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [TrainLabelsFile] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [TestImagesFile] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [TestLabelsFile] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>Loads both splits of MNIST from <paramref name="folder"/> (for example <see cref="FindDataFolder"/>()).</summary>
    /// <param name="folder">Folder holding the four IDX files, gzipped or raw.</param>
    /// <param name="verifyChecksums">True (default) to require the canonical MNIST SHA-256 values; false for other data sets of the same layout.</param>
    /// <exception cref="IdxFileNotFoundException">The folder or a file is missing.</exception>
    /// <exception cref="IdxTruncatedException">A file is shorter than its header declares.</exception>
    /// <exception cref="IdxChecksumException">A file's content is not the published MNIST file.</exception>
    /// <exception cref="IdxFormatException">Any other problem with a file's content; the message names the file.</exception>
    public static MnistData Load(string folder, bool verifyChecksums = true)
        => Load(folder, verifyChecksums ? CanonicalSha256 : null);

    /// <summary>Loads both splits, checking each file against <paramref name="sha256ByFileName"/> (file name without .gz → hex SHA-256 of the decompressed content).</summary>
    /// <param name="folder">Folder holding the four IDX files, gzipped or raw.</param>
    /// <param name="sha256ByFileName">Checksums to require; a file not in the table, or a null table, is not checked.</param>
    /// <inheritdoc cref="Load(string, bool)" path="/exception"/>
    public static MnistData Load(string folder, IReadOnlyDictionary<string, string>? sha256ByFileName)
    {
        // a missing file is reported before anything is read
        foreach (string name in new[] { TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile })
            Resolve(folder, name);
        return new(LoadSet(folder, TrainImagesFile, TrainLabelsFile, sha256ByFileName),
                   LoadSet(folder, TestImagesFile, TestLabelsFile, sha256ByFileName));
    }

    /// <summary>Loads the 60,000 training images and labels.</summary>
    /// <inheritdoc cref="Load(string, bool)" path="/param"/>
    /// <inheritdoc cref="Load(string, bool)" path="/exception"/>
    public static MnistSet LoadTrain(string folder, bool verifyChecksums = true)
        => LoadSet(folder, TrainImagesFile, TrainLabelsFile, verifyChecksums ? CanonicalSha256 : null);

    /// <summary>Loads the 10,000 test images and labels.</summary>
    /// <inheritdoc cref="Load(string, bool)" path="/param"/>
    /// <inheritdoc cref="Load(string, bool)" path="/exception"/>
    public static MnistSet LoadTest(string folder, bool verifyChecksums = true)
        => LoadSet(folder, TestImagesFile, TestLabelsFile, verifyChecksums ? CanonicalSha256 : null);

    static MnistSet LoadSet(string folder, string imagesName, string labelsName, IReadOnlyDictionary<string, string>? sha256ByFileName)
    {
        string imagesPath = Resolve(folder, imagesName);
        string labelsPath = Resolve(folder, labelsName);

        // 1) both files, each checked on its own by the IDX reader (the small one first: its errors come sooner)
        byte[] labels;
        IdxImages images;
        try
        {
            labels = IdxReader.ReadLabels(labelsPath, sha256ByFileName?.GetValueOrDefault(labelsName));
            images = IdxReader.ReadImages(imagesPath, sha256ByFileName?.GetValueOrDefault(imagesName));
        }
        catch (IdxChecksumException e) when (ReferenceEquals(sha256ByFileName, CanonicalSha256))
        {
            throw new IdxChecksumException(e.FilePath, e.ExpectedSha256, e.ActualSha256, e.Message
                + " If this is another data set with MNIST's layout (such as Fashion-MNIST), load it with verifyChecksums: false.");
        }

        // 2) what MNIST adds to the IDX format: 28×28 images, one label 0..9 per image
        if (images.Rows != MnistSet.Rows || images.Columns != MnistSet.Columns)
            throw new IdxFormatException(imagesPath,
                $"'{imagesPath}' holds {images.Rows}x{images.Columns} images, expected {MnistSet.Rows}x{MnistSet.Columns}.");
        if (images.Count != labels.Length)
            throw new IdxFormatException(labelsPath,
                $"'{labelsPath}' holds {labels.Length} labels but '{imagesPath}' holds {images.Count} images: the counts must match.");
        int bad = MnistSet.IndexOfInvalidLabel(labels);
        if (bad >= 0)
            throw new IdxFormatException(labelsPath, $"'{labelsPath}': label {bad} is {labels[bad]}, expected a digit 0..9.");
        return new MnistSet(images.Pixels, labels);
    }

    /// <summary>The gzipped file if present, else the raw one.</summary>
    static string Resolve(string folder, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
            throw new IdxFileNotFoundException(folder, $"MNIST folder not found: '{Path.GetFullPath(folder)}'. {HowToGetTheData}");
        string gz = Path.Combine(folder, name + ".gz"), raw = Path.Combine(folder, name);
        if (File.Exists(gz)) return gz;
        if (File.Exists(raw)) return raw;
        throw new IdxFileNotFoundException(gz,
            $"MNIST file '{name}' not found in '{Path.GetFullPath(folder)}' (looked for {name}.gz and {name}). {HowToGetTheData}");
    }

    const string HowToGetTheData =
        "The four MNIST files ship in the repository's data/mnist folder (a fresh clone has them); "
        + "Mnist.FindDataFolder() locates that folder from anywhere inside the repository.";
}
