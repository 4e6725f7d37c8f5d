using System;
using System.IO;
using NetGen;
using ScottPlot;

namespace Course;

/// <summary>The few kinds of picture the examples draw with ScottPlot, and where the PNG files go.</summary>
public static class Pictures
{
    /// <summary>Colour of class 0 (blue) and class 1 (red), as in the decision maps.</summary>
    public static readonly Color[] ClassColors = [new Color(31, 119, 180), new Color(214, 39, 40)];

    /// <summary>Writes <paramref name="plot"/> as <paramref name="fileName"/> in the output directory and says where.</summary>
    public static string Save(Plot plot, CourseOptions options, string fileName, TextWriter output, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string path = PathFor(options, fileName);
        plot.SavePng(path, width, height);
        output.WriteLine($"picture: {path}");
        return path;
    }

    /// <summary>As <see cref="Save(Plot, CourseOptions, string, TextWriter, int, int)"/> for several plots in one figure.</summary>
    public static string Save(Multiplot figure, CourseOptions options, string fileName, TextWriter output, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(figure);
        string path = PathFor(options, fileName);
        figure.SavePng(path, width, height);
        output.WriteLine($"picture: {path}");
        return path;
    }

    /// <summary>
    /// Colours <paramref name="area"/> by the network's score for class 1 (0 light blue, 0.5 white, 1 light red), evaluated on a
    /// <paramref name="resolution"/> x <paramref name="resolution"/> grid of two-feature inputs in one batch.
    /// </summary>
    public static void AddDecisionMap(Plot plot, INetwork network, CoordinateRect area, int resolution = 150)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(network);
        float[] grid = new float[resolution * resolution * 2];
        for (int row = 0; row < resolution; row++)
        {
            for (int column = 0; column < resolution; column++)
            {
                int i = row * resolution + column;
                grid[2 * i] = (float)(area.Left + (column + 0.5) * area.Width / resolution);
                grid[2 * i + 1] = (float)(area.Top - (row + 0.5) * area.Height / resolution); // row 0 is drawn at the top
            }
        }

        int width = network.OutputSize;
        float[] outputs = new float[resolution * resolution * width];
        network.Forward(grid, outputs);
        double[,] score = new double[resolution, resolution];
        for (int i = 0; i < resolution * resolution; i++)
        {
            score[i / resolution, i % resolution] = ClassOneScore(network, outputs.AsSpan(i * width, width));
        }

        var heatmap = plot.Add.Heatmap(score);
        heatmap.Extent = area;
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([new Color(166, 206, 227), Colors.White, new Color(251, 154, 153)]);
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
    }

    /// <summary>Draws two-feature samples <c>[count, 2]</c> coloured by their 0/1 label, with a legend entry per class.</summary>
    public static void AddPoints(Plot plot, ReadOnlySpan<float> xy, ReadOnlySpan<int> labels, float size = 6)
    {
        ArgumentNullException.ThrowIfNull(plot);
        for (int label = 0; label < 2; label++)
        {
            var xs = new System.Collections.Generic.List<double>();
            var ys = new System.Collections.Generic.List<double>();
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] == label)
                {
                    xs.Add(xy[2 * i]);
                    ys.Add(xy[2 * i + 1]);
                }
            }

            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, size, ClassColors[label]);
            markers.MarkerLineColor = Colors.Black;
            markers.MarkerLineWidth = 0.5f;
            markers.LegendText = $"class {label}";
        }
    }

    /// <summary>
    /// Lays out <paramref name="count"/> square grey images of <paramref name="side"/> x <paramref name="side"/> floats in
    /// a grid of <paramref name="columns"/> with a one-pixel gap; with <paramref name="stretchEach"/> each tile is scaled
    /// to its own minimum and maximum (for weight vectors), otherwise values are kept (pixels in [0, 1]).
    /// </summary>
    public static double[,] Mosaic(ReadOnlySpan<float> images, int count, int side, int columns, bool stretchEach)
    {
        int rows = (count + columns - 1) / columns;
        var mosaic = new double[rows * (side + 1) - 1, columns * (side + 1) - 1];
        for (int r = 0; r < mosaic.GetLength(0); r++)
        {
            for (int c = 0; c < mosaic.GetLength(1); c++)
            {
                mosaic[r, c] = double.NaN; // the gaps
            }
        }

        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<float> image = images.Slice(k * side * side, side * side);
            float min = 0, max = 1;
            if (stretchEach)
            {
                min = float.PositiveInfinity;
                max = float.NegativeInfinity;
                foreach (float v in image)
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }

            int top = k / columns * (side + 1), left = k % columns * (side + 1);
            for (int i = 0; i < side * side; i++)
            {
                mosaic[top + i / side, left + i % side] = (image[i] - min) / Math.Max(max - min, 1e-12f);
            }
        }

        return mosaic;
    }

    /// <summary>A plot that shows a <see cref="Mosaic"/> in grey (0 black, 1 white), with no axes.</summary>
    public static Plot Image(double[,] mosaic, string title)
    {
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(mosaic);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.NaNCellColor = Colors.White;
        plot.Title(title);
        plot.HideAxesAndGrid();
        plot.Axes.SquareUnits();
        return plot;
    }

    private static double ClassOneScore(INetwork network, ReadOnlySpan<float> y)
    {
        if (y.Length == 1)
        {
            // One output: a probability (Sigmoid, BinaryStep), or a logit for the losses that take logits.
            return network.Loss is Loss.BCEWithLogits or Loss.CrossEntropy ? 1 / (1 + Math.Exp(-y[0])) : y[0];
        }

        // Several outputs: the softmax probability of class 1.
        float max = float.NegativeInfinity;
        foreach (float v in y)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (float v in y)
        {
            sum += Math.Exp(v - max);
        }

        return Math.Exp(y[1] - max) / sum;
    }

    private static string PathFor(CourseOptions options, string fileName)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.OutputDirectory);
        return Path.GetFullPath(Path.Combine(options.OutputDirectory, fileName));
    }
}
