namespace Course.Notebooks.Documents;

/// <summary>One output of an executed cell, as Polyglot Notebooks saves it in an .ipynb file.</summary>
public abstract record CellOutput;

/// <summary>
/// A displayed value: one text per MIME type (for example "text/html" or "text/plain").
/// Saved as <c>"output_type": "display_data"</c>, or <c>"execute_result"</c> when <paramref name="IsExecuteResult"/>.
/// </summary>
/// <param name="Data">MIME type → content, in the order the formats are written.</param>
/// <param name="IsExecuteResult">True for Jupyter's execute_result (which also carries execution_count); Polyglot writes display_data.</param>
public sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, bool IsExecuteResult = false) : CellOutput
{
    /// <summary>Output metadata (ipynb "metadata"), kept for a lossless round trip; empty by default.</summary>
    public System.Text.Json.Nodes.JsonObject? Metadata { get; init; }

    /// <summary>Equal when both hold the same MIME types with the same texts (the dictionary is compared by content).</summary>
    public bool Equals(DisplayOutput? other) =>
        other is not null && IsExecuteResult == other.IsExecuteResult
        && Data.Count == other.Data.Count
        && Data.All(kv => other.Data.TryGetValue(kv.Key, out var text) && text == kv.Value)
        && JsonEquals(Metadata, other.Metadata);

    public override int GetHashCode() => HashCode.Combine(IsExecuteResult, Data.Count);

    static bool JsonEquals(System.Text.Json.Nodes.JsonObject? a, System.Text.Json.Nodes.JsonObject? b) =>
        (a is null || a.Count == 0) && (b is null || b.Count == 0)
        || a is not null && b is not null && System.Text.Json.Nodes.JsonNode.DeepEquals(a, b);
}

/// <summary>Console text: <paramref name="Name"/> is "stdout" or "stderr"; saved as <c>"output_type": "stream"</c>.</summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>
/// A failure: <c>{"output_type": "error", "ename": Name, "evalue": Value, "traceback": [...]}</c>.
/// Polyglot writes <c>ename</c> "Error" and the exception text or compiler diagnostics as <c>evalue</c>.
/// </summary>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <summary>Equal when name, value and every traceback line are equal (the list is compared by content).</summary>
    public bool Equals(ErrorOutput? other) =>
        other is not null && Name == other.Name && Value == other.Value && Traceback.SequenceEqual(other.Traceback);

    public override int GetHashCode() => HashCode.Combine(Name, Value, Traceback.Count);
}

/// <summary>
/// An ipynb output of a type the model does not interpret (such as <c>update_display_data</c>), kept verbatim so that
/// reading and writing the file loses nothing.
/// </summary>
public sealed record UnknownOutput(System.Text.Json.Nodes.JsonObject Json) : CellOutput
{
    /// <summary>Equal when both JSON objects are deeply equal.</summary>
    public bool Equals(UnknownOutput? other) =>
        other is not null && System.Text.Json.Nodes.JsonNode.DeepEquals(Json, other.Json);

    public override int GetHashCode() => Json.Count;
}
