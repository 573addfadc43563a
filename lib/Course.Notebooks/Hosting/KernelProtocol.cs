using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>
/// The JSON-lines protocol between the runner and its kernel process. The runner first writes
/// <c>{"op":"hello","key":K}</c> with a random key, then <c>{"op":"submit","cell":N,"code":"..."}</c> per cell to the
/// child's stdin (closing stdin ends the child); the child answers on its stdout with <c>{"ev":"ready","key":K}</c> once,
/// then per cell any number of <c>{"ev":"output","key":K,...}</c> and one
/// <c>{"ev":"done","key":K,"cell":N,"status":"ok"|"error","error":...,"line":L}</c>. The key is held only by the host
/// (never in the environment or on disk), so a line a cell writes straight to the process's stdout cannot pass for an
/// event: the runner treats any line without the key as that cell's console text.
/// </summary>
internal static class KernelProtocol
{
    /// <summary>A fresh random key for one kernel process.</summary>
    public static string NewKey() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static string Hello(string key) => new JsonObject { ["op"] = "hello", ["key"] = key }.ToJsonString();

    /// <summary>Parses a line from the kernel process; null unless it is a JSON object carrying <paramref name="key"/>.</summary>
    public static JsonNode? TryParseEvent(string line, string key) =>
        TryParse(line) is { } message && (string?)message["key"] == key ? message : null;

    public static string Submit(int cell, string code) =>
        new JsonObject { ["op"] = "submit", ["cell"] = cell, ["code"] = code }.ToJsonString();

    public static string Ready(string key) => new JsonObject { ["ev"] = "ready", ["key"] = key }.ToJsonString();

    public static string Output(int cell, KernelOutput output, string key) => (output switch
    {
        DisplayedOutput d => new JsonObject
        {
            ["ev"] = "output", ["key"] = key, ["cell"] = cell, ["kind"] = "display", ["id"] = d.DisplayId, ["update"] = d.IsUpdate,
            ["data"] = new JsonObject(d.Data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        },
        StreamedOutput s => new JsonObject { ["ev"] = "output", ["key"] = key, ["cell"] = cell, ["kind"] = "stream", ["name"] = s.Name, ["text"] = s.Text },
        _ => throw new ArgumentOutOfRangeException(nameof(output), output, "unknown kernel output"),
    }).ToJsonString();

    public static string Done(int cell, CellOutcome outcome, string key) => new JsonObject
    {
        ["ev"] = "done", ["key"] = key, ["cell"] = cell, ["status"] = outcome.Status == CellStatus.Ok ? "ok" : "error",
        ["error"] = outcome.ErrorText, ["line"] = outcome.ErrorLine,
    }.ToJsonString();

    /// <summary>Reads a kernel output event back; null if <paramref name="message"/> is not one.</summary>
    public static KernelOutput? ReadOutput(JsonNode message) => (string?)message["kind"] switch
    {
        "display" => new DisplayedOutput(
            message["data"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!),
            (string)message["id"]!, (bool?)message["update"] ?? false),
        "stream" => new StreamedOutput((string)message["name"]!, (string)message["text"]!),
        _ => null,
    };

    public static CellOutcome ReadDone(JsonNode message) => (string?)message["status"] == "ok"
        ? CellOutcome.Ok
        : CellOutcome.Error((string?)message["error"] ?? "unknown error", (int?)message["line"]);

    /// <summary>Parses one line; null if it is not a JSON object (text a cell wrote straight to the process's stdout).</summary>
    public static JsonNode? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try { return JsonNode.Parse(line) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
