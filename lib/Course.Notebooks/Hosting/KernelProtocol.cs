using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>
/// One message between the runner and its kernel process, one JSON line each. The runner writes <see cref="Hello"/>
/// with a random key, then a <see cref="Submit"/> per cell, to the child's stdin (closing stdin ends the child); the
/// child answers on its stdout with <see cref="Ready"/> once, then per cell any number of <see cref="Output"/> and one
/// <see cref="Done"/>, each bearing the key. The key is held only by the two processes (never in the environment or on
/// disk), so a line a cell writes straight to the process's stdout cannot pass for an event: the runner takes any line
/// that is not a message with the key as that cell's console text.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Hello), "hello")]
[JsonDerivedType(typeof(Submit), "submit")]
[JsonDerivedType(typeof(Ready), "ready")]
[JsonDerivedType(typeof(Output), "output")]
[JsonDerivedType(typeof(Done), "done")]
internal abstract record KernelMessage
{
    /// <summary>The runner's first line: the key every event must bear.</summary>
    public sealed record Hello(string Key) : KernelMessage;

    /// <summary>Run <paramref name="Code"/> as cell <paramref name="Cell"/> (1-based, the notebook's numbering).</summary>
    public sealed record Submit(int Cell, string Code) : KernelMessage;

    /// <summary>The kernel is warmed up and takes cells.</summary>
    public sealed record Ready(string Key) : KernelMessage;

    /// <summary>Something cell <paramref name="Cell"/> produced (an update may name a display of an earlier cell).</summary>
    public sealed record Output(string Key, int Cell, KernelOutput Value) : KernelMessage;

    /// <summary>Cell <paramref name="Cell"/> ended: how, and its error's text and line.</summary>
    public sealed record Done(string Key, int Cell, CellStatus Status, string? Error = null, int? Line = null) : KernelMessage
    {
        public CellOutcome Outcome => new(Status, Error, Line);
    }

    static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A fresh random key for one kernel process.</summary>
    public static string NewKey() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>This message as one line of JSON.</summary>
    public string ToLine() => JsonSerializer.Serialize(this, options);

    /// <summary>Reads a line; null if it is not a message (text a cell wrote straight to the process's stdout).</summary>
    public static KernelMessage? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try { return JsonSerializer.Deserialize<KernelMessage>(line, options); }
        catch (JsonException) { return null; }
        catch (NotSupportedException) { return null; }   // an object without a known "type" first
    }

    /// <summary>Reads an event from the kernel process; null unless it is one that bears <paramref name="key"/>.</summary>
    public static KernelMessage? TryParseEvent(string line, string key) => TryParse(line) switch
    {
        Ready r when r.Key == key => r,
        Output o when o.Key == key => o,
        Done d when d.Key == key => d,
        _ => null,
    };
}
