using System.Text.Json.Serialization;

namespace Course.Notebooks.Kernel;

/// <summary>
/// Something a running cell produced, in the order it happened. A front end (the notebook runner, or
/// later a Jupyter wire-protocol kernel) turns these into notebook outputs.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DisplayedOutput), "display")]
[JsonDerivedType(typeof(StreamedOutput), "stream")]
public abstract record KernelOutput;

/// <summary>
/// A displayed value: mime type → text. <see cref="DisplayId"/> names the output so that a later
/// <see cref="IsUpdate"/> event (from <c>display(x).Update(y)</c>) replaces it in place.
/// </summary>
public sealed record DisplayedOutput(IReadOnlyDictionary<string, string> Data, string DisplayId, bool IsUpdate = false) : KernelOutput;

/// <summary>Console text written by the cell: <paramref name="Name"/> is "stdout" or "stderr".</summary>
public sealed record StreamedOutput(string Name, string Text) : KernelOutput;
