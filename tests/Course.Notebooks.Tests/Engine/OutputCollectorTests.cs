using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

public sealed class OutputCollectorTests
{
    static Dictionary<string, string> Text(string text) => new() { ["text/plain"] = text };

    [Fact]
    public void Add_ConsecutiveStreamsOfOneName_MergeIntoOneOutput_OtherOutputsSplitThem()
    {
        var cell = NotebookCell.Code("");
        var collector = new OutputCollector();
        collector.StartCell(cell);
        for (int epoch = 1; epoch <= 3; epoch++) collector.Add(new StreamedOutput("stdout", $"epoch {epoch}\n"));
        collector.Add(new StreamedOutput("stderr", "warning\n"));
        collector.Add(new StreamedOutput("stdout", "a"));
        collector.Add(new DisplayedOutput(Text("shown"), "d1"));
        collector.Add(new StreamedOutput("stdout", "b\n"));
        collector.Close();

        Assert.Equal<CellOutput>(
            [
                new StreamOutput("stdout", "epoch 1\nepoch 2\nepoch 3\n"),
                new StreamOutput("stderr", "warning\n"),
                new StreamOutput("stdout", "a"),
                new DisplayOutput(Text("shown")),
                new StreamOutput("stdout", "b\n"),
            ],
            cell.Outputs);
    }

    [Fact]
    public void Add_UpdateOfADisplayFromAnEarlierCell_ReplacesItThere()
    {
        var (first, second) = (NotebookCell.Code(""), NotebookCell.Code(""));
        var collector = new OutputCollector();
        collector.StartCell(first);
        collector.Add(new DisplayedOutput(Text("epoch 0"), "progress"));
        collector.Add(new StreamedOutput("stdout", "started\n"));
        collector.StartCell(second);
        collector.Add(new StreamedOutput("stdout", "training\n"));
        collector.Add(new DisplayedOutput(Text("epoch 5"), "progress", IsUpdate: true));
        collector.Close();

        Assert.Equal<CellOutput>([new DisplayOutput(Text("epoch 5")), new StreamOutput("stdout", "started\n")], first.Outputs);
        Assert.Equal<CellOutput>([new StreamOutput("stdout", "training\n")], second.Outputs);
    }
}
