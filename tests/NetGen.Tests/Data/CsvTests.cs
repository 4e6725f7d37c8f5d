using System;
using System.Globalization;
using System.IO;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests.Data;

public class CsvTests
{
    [Fact]
    public void ReadClassification_TheShippedIris()
    {
        CsvDataset iris = Csv.ReadClassification(DataFiles.IrisCsv, labelColumn: "label");
        Dataset data = iris.Dataset;
        Assert.Equal(150, data.Count);
        Assert.Equal(4, data.FeatureSize);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(new[] { "0", "1", "2" }, iris.ClassNames);
        Assert.Equal(new[] { "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)" }, iris.FeatureNames);
        Assert.Equal(new[] { "label" }, iris.TargetNames);
        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, data.Sample(0).ToArray());
        Assert.Equal(new[] { 5.9f, 3.0f, 5.1f, 1.8f }, data.Sample(149).ToArray());
        Assert.Equal(0, data.Labels![0]);
        Assert.Equal(2, data.Labels[149]);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(50, Array.FindAll(data.Labels, l => l == c).Length);
        }
    }

    [Fact]
    public void ReadClassification_IgnoresTheCurrentCulture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(5.1f, Csv.ReadClassification(DataFiles.IrisCsv, "label").Dataset.Features[0]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void TextLabels_AreNumberedInOrderOfFirstAppearance()
    {
        using var dir = new TempDirectory();
        string path = dir.Text("flowers.csv", "x,species,y\n1,virginica,2\n3,setosa,4\n5,virginica,6\n7,versicolor,8\n");
        CsvDataset csv = Csv.ReadClassification(path, "species");
        Assert.Equal(new[] { "virginica", "setosa", "versicolor" }, csv.ClassNames);
        Assert.Equal(new[] { 0, 1, 0, 2 }, csv.Dataset.Labels);
        Assert.Equal(new[] { "x", "y" }, csv.FeatureNames);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f }, csv.Dataset.Features);
    }

    [Fact]
    public void IntegerLabels_AreClassIndices()
    {
        using var dir = new TempDirectory();
        CsvDataset csv = Csv.ReadClassification(dir.Text("a.csv", "a,label\n1,3\n2,0\n"), "label");
        Assert.Equal(4, csv.Dataset.ClassCount);
        Assert.Equal(new[] { "0", "1", "2", "3" }, csv.ClassNames);
        Assert.Equal(new[] { 3, 0 }, csv.Dataset.Labels);

        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(dir.Text("b.csv", "a,label\n1,3\n2,-1\n"), "label"));
        Assert.Equal((3, 2), (ex.Row, ex.Column));
        ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(dir.Text("c.csv", "a,label\n1,2000000000\n"), "label"));
        Assert.Equal((2, 2), (ex.Row, ex.Column));
    }

    [Fact]
    public void ANonNumericCell_IsReportedWithRowColumnAndText()
    {
        using var dir = new TempDirectory();
        string path = dir.Text("bad.csv", "a,b,c,label\n1,2,3,0\n4,5,6,1\n7,eight,9,0\n");
        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(path, "label"));
        Assert.Equal((4, 2), (ex.Row, ex.Column));
        Assert.Equal(path, ex.FileName);
        Assert.Equal(-1, ex.Offset);
        Assert.Contains(path, ex.Message);
        Assert.Contains("row 4, column 2", ex.Message);
        Assert.Contains("'eight'", ex.Message);
        Assert.Contains("expected a number", ex.Message);
    }

    [Theory]
    [InlineData("1,,0", 2, "an empty cell")]
    [InlineData("1,5;1,0", 2, "'5;1'")]
    [InlineData("1,NaN,0", 2, "'NaN'")]
    [InlineData("1,Infinity,0", 2, "'Infinity'")]
    [InlineData("1,1e39,0", 2, "'1e39'")]
    [InlineData("\"5,1\",2,0", 1, "'5,1'")]
    [InlineData("1,2,", 3, "an empty cell")]
    public void BadCells_AreDataFormatExceptions(string row, int column, string found)
    {
        using var dir = new TempDirectory();
        string path = dir.Text("bad.csv", "a,b,label\n1,2,0\n" + row + "\n");
        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(path, "label"));
        Assert.Equal((3, column), (ex.Row, ex.Column));
        Assert.Contains(found, ex.Message);
    }

    [Theory]
    [InlineData("1,2\n", 3)]
    [InlineData("1,2,0,9\n", 4)]
    public void ARaggedRow_IsAnError(string row, int column)
    {
        using var dir = new TempDirectory();
        string path = dir.Text("ragged.csv", "a,b,label\n1,2,0\n\n" + row);
        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(path, "label"));
        Assert.Equal((4, column), (ex.Row, ex.Column)); // the blank line 3 is skipped but still counted
        Assert.Contains("3 fields", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("a,b,label\n")]
    public void AnEmptyFile_OrAHeaderAlone_IsAnError(string text)
    {
        using var dir = new TempDirectory();
        string path = dir.Text("empty.csv", text);
        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(path, "label"));
        Assert.Contains(path, ex.Message);
        Assert.True(ex.Row >= 1);
    }

    [Fact]
    public void QuotedFields_MayHoldCommasQuotesAndLineBreaks()
    {
        using var dir = new TempDirectory();
        string path = dir.Text(
            "quoted.csv",
            "\"width, cm\",\"say \"\"hi\"\"\",name\r\n\"1.5\",2,\"Smith, John\"\r\n3,\"4\",\"two\nlines\"\r\n5,6,\"Smith, John\"\r\n7,x,\"\"\r\n");
        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(path, "name"));
        Assert.Equal((6, 2), (ex.Row, ex.Column)); // line 6: the quoted line break moved it down one line

        File.WriteAllText(path, File.ReadAllText(path).Replace("7,x,", "7,8,"));
        ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(path, "name"));
        Assert.Contains("an empty cell", ex.Message); // the label "" is empty

        File.WriteAllText(path, File.ReadAllText(path).Replace("7,8,\"\"\r\n", ""));
        CsvDataset csv = Csv.ReadClassification(path, "name");
        Assert.Equal(new[] { "width, cm", "say \"hi\"" }, csv.FeatureNames);
        Assert.Equal(new[] { "Smith, John", "two\nlines" }, csv.ClassNames);
        Assert.Equal(new[] { 0, 1, 0 }, csv.Dataset.Labels);
        Assert.Equal(new[] { 1.5f, 2f, 3f, 4f, 5f, 6f }, csv.Dataset.Features);
    }

    [Theory]
    [InlineData("a,label\n\"1,0\n", 2, 1, "a closing double quote")]
    [InlineData("a,label\n\"1\"x,0\n", 2, 1, "'x'")]
    public void MalformedQuotes_AreErrors(string text, int row, int column, string message)
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(dir.Text("q.csv", text), "label"));
        Assert.Equal((row, column), (ex.Row, ex.Column));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void UnknownOrDuplicateLabelColumns_AreErrors()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(DataFiles.IrisCsv, "species"));
        Assert.Equal(1, ex.Row);
        Assert.Contains("'species'", ex.Message);
        Assert.Contains("'petal width (cm)'", ex.Message);

        ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(dir.Text("d.csv", "label,a,label\n0,1,0\n"), "label"));
        Assert.Equal((1, 3), (ex.Row, ex.Column));

        ex = Assert.Throws<DataFormatException>(() => Csv.ReadClassification(dir.Text("only.csv", "label\n0\n"), "label"));
        Assert.Contains("at least one feature column", ex.Message);
    }

    [Fact]
    public void WithoutAHeader_ColumnsAreNumbered()
    {
        using var dir = new TempDirectory();
        string path = dir.Text("plain.csv", "0,1.5,2.5\n1,3.5,4.5\n");
        CsvDataset csv = Csv.ReadClassification(path, "1", hasHeader: false);
        Assert.Equal(new[] { 0, 1 }, csv.Dataset.Labels);
        Assert.Equal(new[] { "column 2", "column 3" }, csv.FeatureNames);
        Assert.Equal(new[] { 1.5f, 2.5f, 3.5f, 4.5f }, csv.Dataset.Features);
        Assert.Throws<DataFormatException>(() => Csv.ReadClassification(path, "4", hasHeader: false));
        Assert.Throws<ArgumentException>(() => Csv.ReadClassification(path, "label", hasHeader: false));
    }

    [Fact]
    public void ReadRegression_TakesTargetsInTheOrderGiven()
    {
        using var dir = new TempDirectory();
        string path = dir.Text("r.csv", "x1,y1,x2,y2\n1,-2,3,4e1\n5,6.25,7,-8\n");
        CsvDataset csv = Csv.ReadRegression(path, ["y2", "y1"]);
        Dataset data = csv.Dataset;
        Assert.False(data.HasLabels);
        Assert.Equal(2, data.TargetSize);
        Assert.Equal(new[] { 1f, 3f, 5f, 7f }, data.Features);
        Assert.Equal(new[] { 40f, -2f, -8f, 6.25f }, data.Targets);
        Assert.Equal(new[] { "x1", "x2" }, csv.FeatureNames);
        Assert.Equal(new[] { "y2", "y1" }, csv.TargetNames);
        Assert.Empty(csv.ClassNames);

        var ex = Assert.Throws<DataFormatException>(() => Csv.ReadRegression(dir.Text("s.csv", "x,y\n1,2\n3,big\n"), ["y"]));
        Assert.Equal((3, 2), (ex.Row, ex.Column));
    }

    [Fact]
    public void AMissingFile_IsAFileNotFoundException()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => Csv.ReadClassification(Path.Combine(dir.Path, "none.csv"), "label"));
    }
}
