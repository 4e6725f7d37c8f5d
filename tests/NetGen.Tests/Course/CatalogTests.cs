using System.Linq;
using Course;
using Xunit;

namespace NetGen.Tests.CourseExamples;

/// <summary>The subcommands that <c>list</c> shows.</summary>
public class CatalogTests
{
    [Fact]
    public void EveryExampleHasAUniqueName_InTheCourseOrder()
    {
        string[] names = CourseExample.All.Select(e => e.Name).ToArray();

        Assert.Equal(
            ["perceptron-and", "perceptron-nobias", "perceptron-points", "xor", "linear-mse", "sigmoid-chain-rule",
             "tf-line-fit", "keras-binary", "mnist-overfitting", "autoencoder", "classify-2d", "letters"],
            names);
        Assert.All(CourseExample.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Summary)));
    }
}
