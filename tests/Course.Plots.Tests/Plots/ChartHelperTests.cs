using System.Text.Json;
using Course.Functions;

namespace Course.Plots.Tests.Plots;

public class ChartHelperTests
{
    [Fact]
    public void EpochAxis_IsLinspaceFromZeroToEpochsWithTheEndPoint()
    {
        Assert.Equal(new[] { 0.0, 1.25, 2.5, 3.75, 5.0 }, LossCurves.EpochAxis(5, 5));
        Assert.Equal(new[] { 0.0 }, LossCurves.EpochAxis(5, 1));
        var x = LossCurves.EpochAxis(5, 157);
        Assert.Equal(5.0, x[^1]);
        Assert.Equal(5.0 / 156, x[1], 14);
    }

    [Fact]
    public void LossCurves_DrawsEachSeriesAgainstEpochs_OnALogYAxis()
    {
        var momentum = new List<double> { 2.3, 0.9, 0.4, 0.2, 0.1 };
        var sgd = new List<double> { 2.3, 1.5, 1.0 };
        var figure = LossCurves.Plot(5, ("momentum 0.9", momentum), ("no momentum", sgd));

        var data = PlotJson.Data(figure);
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("momentum 0.9", data[0].GetProperty("name").GetString());
        Assert.Equal(new[] { 0, 1.25, 2.5, 3.75, 5 }, PlotJson.Numbers(data[0].GetProperty("x")));
        Assert.Equal(momentum, PlotJson.Numbers(data[0].GetProperty("y")));
        Assert.Equal("no momentum", data[1].GetProperty("name").GetString());
        Assert.Equal(new[] { 0, 2.5, 5 }, PlotJson.Numbers(data[1].GetProperty("x")));
        Assert.Equal(sgd, PlotJson.Numbers(data[1].GetProperty("y")));
        Assert.Equal("log", PlotJson.Layout(figure).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("epoch", PlotJson.Layout(figure).GetProperty("xaxis").GetProperty("title").GetString());
    }

    [Fact]
    public void LossCurves_FloatLosses_PlotTheSameNumbersAsDoubles()
    {
        float[] losses = { 0.369268f, 0.179249f, 0.127735f };
        var data = PlotJson.Data(LossCurves.Plot(3, ("float", losses)));
        Assert.Equal(losses.Select(l => (double)l), PlotJson.Numbers(data[0].GetProperty("y")));
    }

    [Fact]
    public void LossCurves_EmptySeries_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => LossCurves.Plot(5, ("ok", new double[] { 1 }), ("empty run", Array.Empty<double>())));
        Assert.Contains("'empty run'", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void LossCurves_EpochsNotPositive_Throws(double epochs)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LossCurves.Plot(epochs, ("a", new double[] { 1 })));
        Assert.Equal("epochs", ex.ParamName);
    }

    [Fact]
    public void ContourPlot_GridHoldsFOnEveryPoint_AndTrajectoriesAreDrawnPointByPoint()
    {
        var f = Quadratic2D.Funnel;
        var gd = Trajectories.GradientDescent(f, new Point2D(-8, 1.5), 0.4, 20);
        var momentum = Trajectories.Momentum(f, new Point2D(-8, 1.5), 0.1, 0.9, 20);
        var figure = ContourPlot.Plot(f, gd, momentum);
        var data = PlotJson.Data(figure);

        Assert.Equal(4, data.GetArrayLength());
        Assert.Equal("minimum θ*", data[3].GetProperty("name").GetString());
        Assert.Equal(new[] { 0.0 }, PlotJson.Numbers(data[3].GetProperty("x")));
        var contour = data[0];
        Assert.Equal("contour", contour.GetProperty("type").GetString());
        var x = PlotJson.Numbers(contour.GetProperty("x"));
        var y = PlotJson.Numbers(contour.GetProperty("y"));
        var z = contour.GetProperty("z");
        Assert.Equal(ContourPlot.GridSize, x.Length);
        Assert.Equal(ContourPlot.GridSize, z.GetArrayLength());
        foreach (var (i, j) in new[] { (0, 0), (17, 80), (100, 100), (50, 3) })
        {
            double exact = f.Value(x[i], y[j]);
            Assert.True(Math.Abs(exact - z[j][i].GetDouble()) <= 5e-4 * Math.Abs(exact), $"z[{j}][{i}] = {z[j][i]}, f = {exact}");
        }

        foreach (var (trace, path) in new[] { (data[1], gd), (data[2], momentum) })
        {
            Assert.Equal(path.Label, trace.GetProperty("name").GetString());
            Assert.Equal("lines+markers", trace.GetProperty("mode").GetString());
            Assert.Equal(path.Points.Select(p => p.X1), PlotJson.Numbers(trace.GetProperty("x")));
            Assert.Equal(path.Points.Select(p => p.X2), PlotJson.Numbers(trace.GetProperty("y")));
            Assert.All(path.Points, p => Assert.InRange(p.X1, x[0], x[^1]));
            Assert.All(path.Points, p => Assert.InRange(p.X2, y[0], y[^1]));
        }
    }

    [Fact]
    public void ContourPlot_DivergedTrajectory_LeavesOutNonFinitePoints()
    {
        var points = new[] { new Point2D(1, 1), new Point2D(double.PositiveInfinity, 2), new Point2D(2, double.NaN), new Point2D(0.5, 0.5) };
        var figure = ContourPlot.Plot(Quadratic2D.Funnel, new Trajectory("blown up", points, Point2D.Zero));
        var trace = PlotJson.Data(figure)[1];
        Assert.Equal(new[] { 1.0, 0.5 }, PlotJson.Numbers(trace.GetProperty("x")));
    }

    [Fact]
    public void ContourPlot_EmptyRange_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ContourPlot.Plot(Quadratic2D.Funnel, Array.Empty<Trajectory>(), x1Range: (3, 3)));
        Assert.Contains("x1Range = (3, 3)", ex.Message);
    }

    [Fact]
    public void DistancePlot_DrawsNormOfThetaMinusMinimumPerIteration_OnALogYAxis()
    {
        var path = Trajectories.Nesterov(Quadratic2D.Funnel, new Point2D(-8, 1.5), 0.1, 0.9, 30);
        var figure = DistancePlot.Plot(path);
        var trace = PlotJson.Data(figure)[0];
        Assert.Equal(Enumerable.Range(0, 31).Select(t => (double)t), PlotJson.Numbers(trace.GetProperty("x")));
        var y = PlotJson.Numbers(trace.GetProperty("y"));
        for (int t = 0; t <= 30; t++) Assert.Equal(path.Points[t].Norm, y[t], 12);
        Assert.Equal("log", PlotJson.Layout(figure).GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void VelocityPlot_DrawsThePartialSums_AndEachLimitAsADashedLineOfTheSameColour()
    {
        var figure = VelocityPlot.Plot(learningRate: 0.01, gradient: 1, gammas: new[] { 0.5, 0.9 }, n: 40);
        var data = PlotJson.Data(figure);
        Assert.Equal(4, data.GetArrayLength());
        foreach (var (k, gamma) in new[] { (0, 0.5), (1, 0.9) })
        {
            var series = data[2 * k];
            var limit = data[2 * k + 1];
            Assert.Equal(VelocitySeries.Iterate(0.01, 1, gamma, 40), PlotJson.Numbers(series.GetProperty("y")));
            double expectedLimit = 0.01 / (1 - gamma);
            Assert.All(PlotJson.Numbers(limit.GetProperty("y")), v => Assert.Equal(expectedLimit, v, 14));
            Assert.Equal(new[] { 1.0, 40.0 }, PlotJson.Numbers(limit.GetProperty("x")));
            Assert.Equal("dash", limit.GetProperty("line").GetProperty("dash").GetString());
            Assert.Equal(series.GetProperty("line").GetProperty("color").GetString(), limit.GetProperty("line").GetProperty("color").GetString());
        }
        Assert.Contains("0.1", data[3].GetProperty("name").GetString()); // η g/(1 − 0.9) = 0.1: ten times η g
    }

    [Fact]
    public void NesterovDiagram_DrawsFiveArrowsFromTailToTip_WithEqualAxisScales()
    {
        var f = Quadratic2D.Funnel;
        var theta = new Point2D(-6, 1.5);
        var v = new Point2D(-1.2, 0.8);
        var step = NesterovStep.At(f, theta, v, 0.1, 0.9);
        var figure = NesterovDiagram.Plot(f, theta, v, 0.1, 0.9);

        var arrows = PlotJson.Layout(figure).GetProperty("annotations").EnumerateArray().ToList();
        var expected = new (Point2D From, Point2D To)[]
        {
            (theta, step.LookAheadPoint),
            (theta, theta + step.GradientStep),
            (step.LookAheadPoint, step.LookAheadPoint + step.LookAheadGradientStep),
            (theta, step.MomentumNext),
            (theta, step.NesterovNext),
        };
        Assert.Equal(expected.Length, arrows.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].From.X1, arrows[i].GetProperty("ax").GetDouble(), 12);
            Assert.Equal(expected[i].From.X2, arrows[i].GetProperty("ay").GetDouble(), 12);
            Assert.Equal(expected[i].To.X1, arrows[i].GetProperty("x").GetDouble(), 12);
            Assert.Equal(expected[i].To.X2, arrows[i].GetProperty("y").GetDouble(), 12);
            Assert.Equal("x", arrows[i].GetProperty("axref").GetString());
            Assert.True(arrows[i].GetProperty("showarrow").GetBoolean());
        }
        var names = PlotJson.Data(figure).EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString() : null).ToList();
        Assert.Contains("Nesterov update −γv − η∇f(θ − γv)", names);
        var layout = PlotJson.Layout(figure);
        Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.Equal("domain", layout.GetProperty("xaxis").GetProperty("constrain").GetString());
    }

    [Theory]
    [InlineData(-6.5, -4.0, -1.0, 2.0)]  // tall box: widened
    [InlineData(-10.0, 10.0, -1.0, 1.0)] // wide box: heightened
    public void NesterovDiagram_Box_HasTheAspectOfThePlotArea_AndContainsTheArrows(double a, double b, double c, double d)
    {
        var (x1, x2) = NesterovDiagram.EqualScaleBox((a, b), (c, d));
        Assert.Equal(2.0, (x1.Max - x1.Min) / (x2.Max - x2.Min), 12);
        Assert.True(x1.Min <= a && x1.Max >= b && x2.Min <= c && x2.Max >= d, $"box {x1} × {x2} must contain [{a}, {b}] × [{c}, {d}]");
        Assert.True(Math.Abs(x1.Max - x1.Min - (b - a)) < 1e-12 || Math.Abs(x2.Max - x2.Min - (d - c)) < 1e-12, "one side keeps its length");
    }

    [Theory]
    [InlineData(12.345678, 12.35)]
    [InlineData(0.000123456, 0.0001235)]
    [InlineData(98765.4, 98770)]
    [InlineData(0.0, 0.0)]
    [InlineData(-2.0004, -2.0)]
    public void ContourValues_AreKeptToFourSignificantDigits(double value, double expected)
    {
        Assert.Equal(expected, ContourPlot.FourSignificantDigits(value));
    }

    [Fact]
    public void ContourPlot_GivenRangesAndTitle_UsesThemWidenedToThePlotAreasShape_WithEqualScales()
    {
        // 20 × 6 is wider than the plot area's 2:1, so x2's range grows to 10 around its centre; one unit is as long on both axes.
        var figure = ContourPlot.Plot(Quadratic2D.Funnel, Array.Empty<Trajectory>(), x1Range: (-10, 10), x2Range: (-3, 3), title: "the funnel");
        var layout = PlotJson.Layout(figure);
        Assert.Equal("the funnel", layout.GetProperty("title").GetString());
        Assert.Equal(new[] { -10.0, 10.0 }, PlotJson.Numbers(layout.GetProperty("xaxis").GetProperty("range")));
        Assert.Equal(new[] { -5.0, 5.0 }, PlotJson.Numbers(layout.GetProperty("yaxis").GetProperty("range")));
        Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.Equal("x<sub>2</sub>", layout.GetProperty("yaxis").GetProperty("title").GetString());
        var x = PlotJson.Numbers(PlotJson.Data(figure)[0].GetProperty("x"));
        Assert.Equal((-10.0, 10.0), (x[0], x[^1]));
        Assert.Equal("the funnel", figure.Title);
    }

    [Theory]
    [InlineData(new[] { 2.3, 0.6, 0.3, 0.15, 0.082 }, "D2")] // 1.4 decades: plotly would label 2 … 9 of every decade
    [InlineData(new[] { 1.0, 1e-12 }, null)]                 // 12 decades: plotly labels whole decades by itself
    [InlineData(new[] { 0.35, 0.28 }, null)]                 // a tenth of a decade: 1, 2 and 5 would leave no label
    public void LogAxes_LabelOnly1_2And5_WherePlotlyWouldCrowdTheMinorTicks(double[] losses, string? dtick)
    {
        var yaxis = PlotJson.Layout(LossCurves.Plot(1, ("a", losses))).GetProperty("yaxis");
        Assert.Equal("log", yaxis.GetProperty("type").GetString());
        Assert.Equal(dtick, yaxis.TryGetProperty("dtick", out var d) ? d.GetString() : null);
        Assert.Equal("power", yaxis.GetProperty("exponentformat").GetString());
    }

    [Fact]
    public void DistanceAxes_WriteThetaSubT_AsASubscript()
    {
        var gd = Trajectories.GradientDescent(Quadratic2D.Funnel, new Point2D(-8, 1.5), 0.4, 20);
        Assert.Equal("‖θ<sub>t</sub> − θ*‖ (log scale)",
            PlotJson.Layout(DistancePlot.Plot(gd)).GetProperty("yaxis").GetProperty("title").GetString());
    }

    [Fact]
    public void LossCurves_AcceptListsOfFloatsAndDoubles_AsNotebooksPassThem()
    {
        var floats = new List<float> { 2f, 1f };
        IReadOnlyList<double> doubles = new List<double> { 2, 0.5 };
        var a = PlotJson.Data(LossCurves.Plot(1, ("floats", floats)));
        var b = PlotJson.Data(LossCurves.Plot(1, ("doubles", doubles)));
        Assert.Equal(new[] { 2.0, 1.0 }, PlotJson.Numbers(a[0].GetProperty("y")));
        Assert.Equal(new[] { 2.0, 0.5 }, PlotJson.Numbers(b[0].GetProperty("y")));
    }
}
