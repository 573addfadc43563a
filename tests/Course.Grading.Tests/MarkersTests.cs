using Course.Grading;

namespace Course.Grading.Tests;

public class MarkersTests
{
    [Theory]
    [InlineData("// EXERCISE momentum-step (3 points)", "momentum-step", 3.0)]
    [InlineData("   //EXERCISE ex1 (1 point)", "ex1", 1.0)]
    [InlineData("// EXERCISE a.b_c (0.5 points)", "a.b_c", 0.5)]
    public void Parse_ExerciseLine_ReadsIdAndPoints(string line, string id, double points)
    {
        var marker = Markers.Parse(line);
        Assert.Equal(MarkerKind.Exercise, marker.Kind);
        Assert.Equal(id, marker.ExerciseId);
        Assert.Equal(points, marker.Points);
        Assert.Null(marker.Problem);
    }
}
