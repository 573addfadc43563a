namespace Course.Notebooks.Kernel;

/// <summary>
/// What <c>display(x)</c> returns: a handle on that output. <see cref="Update"/> replaces it in place,
/// which is how a notebook shows live progress (one line that changes, not a thousand lines).
/// </summary>
public sealed class DisplayedValue
{
    readonly CellContext? context;
    readonly string[] mimeTypes;

    internal DisplayedValue(CellContext? context, string displayId, string[] mimeTypes)
    {
        this.context = context;
        DisplayId = displayId;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>The id that ties later updates to this output.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed output with <paramref name="value"/>, formatted with the same mime types.</summary>
    public void Update(object? value) => context?.Update(DisplayId, ValueFormatter.Format(value, mimeTypes));

    /// <summary>Shows <paramref name="value"/> in the running cell.</summary>
    internal static DisplayedValue Show(object? value, string[] mimeTypes)
    {
        var context = CellContext.Current;
        var data = ValueFormatter.Format(value, mimeTypes);
        var id = context?.Display(data) ?? "";
        return new DisplayedValue(context, id, mimeTypes);
    }
}
