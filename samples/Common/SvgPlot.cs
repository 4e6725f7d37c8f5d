using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>Writes training curves (loss and accuracy per epoch, training and validation) as a self-contained SVG.</summary>
public static class SvgPlot
{
    private const int Width = 900, Height = 360, PanelWidth = 400, Margin = 50;

    public static void WriteTrainingCurves(string path, TrainingHistory history, string title)
    {
        ArgumentNullException.ThrowIfNull(history);
        var svg = new StringBuilder();
        svg.Append(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(I($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n"));
        IReadOnlyList<EpochResult> e = history.Epochs;
        Panel(svg, 0, "loss", e.Select(r => (float?)r.Loss).ToArray(), e.Select(r => r.ValidationLoss).ToArray());
        Panel(svg, 1, "accuracy", e.Select(r => r.Accuracy).ToArray(), e.Select(r => r.ValidationAccuracy).ToArray());
        svg.Append("</svg>\n");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, svg.ToString());
    }

    private static void Panel(StringBuilder svg, int index, string name, float?[] train, float?[] validation)
    {
        int left = Margin + index * (PanelWidth + Margin), top = 40, plotHeight = Height - top - Margin;
        float[] values = train.Concat(validation).Where(v => v is { } x && float.IsFinite(x)).Select(v => v!.Value).ToArray();
        svg.Append(I($"<rect x=\"{left}\" y=\"{top}\" width=\"{PanelWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#888\"/>\n"));
        svg.Append(I($"<text x=\"{left + PanelWidth / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">epoch</text>\n"));
        svg.Append(I($"<text x=\"{left + 5}\" y=\"{top + 15}\">{name}</text>\n"));
        if (values.Length == 0)
        {
            svg.Append(I($"<text x=\"{left + PanelWidth / 2}\" y=\"{top + plotHeight / 2}\" text-anchor=\"middle\">no data</text>\n"));
            return;
        }

        float min = values.Min(), max = values.Max();
        if (max - min < 1e-6f)
        {
            max = min + 1e-6f;
        }

        svg.Append(I($"<text x=\"{left - 5}\" y=\"{top + 5}\" text-anchor=\"end\">{max:G3}</text>\n"));
        svg.Append(I($"<text x=\"{left - 5}\" y=\"{top + plotHeight}\" text-anchor=\"end\">{min:G3}</text>\n"));
        int epochs = Math.Max(train.Length, 1);
        svg.Append(I($"<text x=\"{left + PanelWidth}\" y=\"{top + plotHeight + 15}\" text-anchor=\"end\">{epochs}</text>\n"));
        Line(svg, train, "#1f77b4", "training", 0);
        Line(svg, validation, "#d62728", "validation", 1);

        void Line(StringBuilder s, float?[] series, string color, string label, int legend)
        {
            var points = new List<string>();
            for (int i = 0; i < series.Length; i++)
            {
                if (series[i] is { } v && float.IsFinite(v))
                {
                    double x = left + (epochs == 1 ? PanelWidth / 2.0 : i * (double)PanelWidth / (epochs - 1));
                    double y = top + plotHeight - (v - min) / (max - min) * plotHeight;
                    points.Add(I($"{x:F1},{y:F1}"));
                }
            }

            if (points.Count == 0)
            {
                return;
            }

            s.Append(I($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(" ", points)}\"/>\n"));
            s.Append(I($"<text x=\"{left + PanelWidth - 5}\" y=\"{top + 15 + 15 * legend}\" text-anchor=\"end\" fill=\"{color}\">{label}</text>\n"));
        }
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
