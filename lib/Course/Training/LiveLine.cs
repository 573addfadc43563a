using System.Reflection;

namespace Course.Training;

/// <summary>
/// A line of text a notebook shows once and then replaces in place, such as a training run's progress:
/// <code>var status = LiveLine.Show("starting…");
/// Trainer.Train(net, optimizer, mnist.Train, mnist.Test, settings, NotebookProgress.Live(status.Update));</code>
/// It owns its display id: the first output is a display with that id and every <see cref="Update"/> replaces the
/// output with that same id, in every front end that supports updates (Jupyter's <c>update_display_data</c>,
/// Polyglot Notebooks, the course engine, which runs the same kernel). It exists because the .NET Interactive kernel's own
/// <c>display(x).Update(y)</c> (1.0.712001) sends Jupyter front ends an update whose display id differs from the
/// first output's, so under Jupyter the line stayed at its first text.
/// The host is found at run time, without a compile-time reference to it: the .NET Interactive kernel
/// (its KernelInvocationContext, given the events with this line's id), else (a console program) each text is
/// written to the console as a line.
/// </summary>
public sealed class LiveLine
{
    private readonly Action<string> _update;

    private LiveLine(string displayId, Action<string> update)
    {
        DisplayId = displayId;
        _update = update;
    }

    /// <summary>The id that ties the updates to the first output.</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="text"/> (as text/plain) in the running cell and returns the handle that replaces it.</summary>
    public static LiveLine Show(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string id = "course-live-" + Guid.NewGuid().ToString("N");
        return DotNetInteractiveHost.TryShow(id, text) ?? ConsoleLine(id, text);
    }

    /// <summary>Replaces the shown text with <paramref name="text"/>.</summary>
    public void Update(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _update(text);
    }

    private static LiveLine ConsoleLine(string id, string text)
    {
        Console.Out.WriteLine(text);
        return new LiveLine(id, line => Console.Out.WriteLine(line));
    }

    /// <summary>Microsoft.DotNet.Interactive (Polyglot Notebooks, the Jupyter .NET kernel): publishes DisplayedValueProduced and
    /// DisplayedValueUpdated events carrying this line's id on the cell's KernelInvocationContext.</summary>
    private static class DotNetInteractiveHost
    {
        private static readonly Lazy<Api?> Found = new(Find);

        private sealed record Api(PropertyInfo Current, PropertyInfo Command, MethodInfo Publish,
                                  ConstructorInfo Produced, ConstructorInfo Updated, ConstructorInfo FormattedValue, Type FormattedValueType);

        public static LiveLine? TryShow(string id, string text)
        {
            if (Found.Value is not { } api || api.Current.GetValue(null) is not { } context) return null;
            object command = api.Command.GetValue(context)!;
            api.Publish.Invoke(context, [api.Produced.Invoke([text, command, Values(api, text), id])]);
            return new LiveLine(id, line => api.Publish.Invoke(context, [api.Updated.Invoke([line, id, command, Values(api, line)])]));
        }

        private static Array Values(Api api, string text)
        {
            var values = Array.CreateInstance(api.FormattedValueType, 1);
            values.SetValue(api.FormattedValue.Invoke(["text/plain", text]), 0);
            return values;
        }

        private static Api? Find()
        {
            var interactive = Loaded("Microsoft.DotNet.Interactive");
            var formatting = Loaded("Microsoft.DotNet.Interactive.Formatting");
            var contextType = interactive?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext");
            var producedType = interactive?.GetType("Microsoft.DotNet.Interactive.Events.DisplayedValueProduced");
            var updatedType = interactive?.GetType("Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated");
            var commandType = interactive?.GetType("Microsoft.DotNet.Interactive.Commands.KernelCommand");
            var eventType = interactive?.GetType("Microsoft.DotNet.Interactive.Events.KernelEvent");
            var valueType = formatting?.GetType("Microsoft.DotNet.Interactive.Formatting.FormattedValue");
            if (contextType is null || producedType is null || updatedType is null || commandType is null || eventType is null || valueType is null)
                return null;
            var values = typeof(IReadOnlyCollection<>).MakeGenericType(valueType);
            var current = contextType.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
            var command = contextType.GetProperty("Command");
            var publish = contextType.GetMethod("Publish", [eventType]);
            var produced = producedType.GetConstructor([typeof(object), commandType, values, typeof(string)]);
            var updated = updatedType.GetConstructor([typeof(object), typeof(string), commandType, values]);
            var formattedValue = valueType.GetConstructor([typeof(string), typeof(string)]);
            return current is null || command is null || publish is null || produced is null || updated is null || formattedValue is null
                ? null
                : new Api(current, command, publish, produced, updated, formattedValue, valueType);
        }
    }

    private static Assembly? Loaded(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
}
