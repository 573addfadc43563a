using System.Text;

namespace Course.Notebooks.Kernel;

/// <summary>
/// Replaces Console.Out and Console.Error once per process with writers that send text to the
/// running cell (<see cref="CellContext.Current"/>) and, with no cell running, to the original console.
/// </summary>
internal static class ConsoleRouter
{
    static readonly object gate = new();
    static bool installed;

    /// <summary>The console's stdout as it was before the router took over (the kernel host writes its protocol here).</summary>
    public static TextWriter OriginalOut { get; private set; } = Console.Out;

    public static void Install()
    {
        lock (gate)
        {
            if (installed) return;
            OriginalOut = Console.Out;
            var originalError = Console.Error;
            Console.SetOut(TextWriter.Synchronized(new RoutingWriter("stdout", OriginalOut)));
            Console.SetError(TextWriter.Synchronized(new RoutingWriter("stderr", originalError)));
            installed = true;
        }
    }

    sealed class RoutingWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (CellContext.Current is { } cell) cell.Write(stream, value);
            else fallback.Write(value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");
    }
}
