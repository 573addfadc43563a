using System.Text;
using Course.Notebooks.Documents;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>
/// Turns a notebook's kernel outputs into cell outputs as VS Code saves them: console text merged into the
/// previous stream output of the same name (built up in a StringBuilder, so a cell printing thousands of lines
/// costs linear time), and an update replacing the output of its display id, in whichever cell that is.
/// </summary>
internal sealed class OutputCollector
{
    readonly Dictionary<string, (NotebookCell Cell, int Index)> displays = [];
    NotebookCell? cell;
    StringBuilder? openStream;
    string? openStreamName;

    /// <summary>Outputs from now on go to <paramref name="next"/>.</summary>
    public void StartCell(NotebookCell next)
    {
        Close();
        cell = next;
    }

    public void Add(KernelOutput output)
    {
        if (cell is null) throw new InvalidOperationException("no cell started");
        switch (output)
        {
            case StreamedOutput stream when openStream is not null && openStreamName == stream.Name:
                openStream.Append(stream.Text);
                break;
            case StreamedOutput stream:
                Close();
                cell.Outputs.Add(new StreamOutput(stream.Name, ""));
                (openStream, openStreamName) = (new StringBuilder(stream.Text), stream.Name);
                break;
            case DisplayedOutput { IsUpdate: true } update when displays.TryGetValue(update.DisplayId, out var shown):
                shown.Cell.Outputs[shown.Index] = new DisplayOutput(update.Data);
                break;
            case DisplayedOutput display:
                Close();
                displays[display.DisplayId] = (cell, cell.Outputs.Count);
                cell.Outputs.Add(new DisplayOutput(display.Data));
                break;
        }
    }

    /// <summary>Writes the open stream's text into its output; call before reading the cell's outputs.</summary>
    public void Close()
    {
        if (cell is null || openStream is null) return;
        cell.Outputs[^1] = new StreamOutput(openStreamName!, openStream.ToString());
        (openStream, openStreamName) = (null, null);
    }
}
