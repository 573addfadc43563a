using Course.Notebooks.Kernel;

namespace System;

/// <summary><c>value.Display()</c> in every cell, as in Polyglot (it lives in namespace System so no using is needed).</summary>
public static class DisplayExtensions
{
    /// <summary>Displays <paramref name="value"/> in the running cell; same rules as <c>display(value, mimeTypes)</c>.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);
}
