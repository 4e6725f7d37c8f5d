using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Course;

// dotnet run -c Release --project samples/Course -- list | <name> | all   [--out DIR] [--data DIR] [--epochs N] [--frames]
// Numbers print the same everywhere, in the text and on the pictures' axes (ScottPlot follows the current culture).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("usage: Course list | <example> | all  [--out DIR] [--data DIR] [--epochs N] [--frames]");
    return args.Length == 0 ? 1 : 0;
}

if (args[0] == "list")
{
    int width = CourseExample.All.Max(e => e.Name.Length);
    foreach (CourseExample example in CourseExample.All)
    {
        Console.WriteLine($"{example.Name.PadRight(width)}  {example.Summary}");
    }

    return 0;
}

CourseExample[] chosen = args[0] == "all"
    ? CourseExample.All.ToArray()
    : CourseExample.All.Where(e => e.Name == args[0]).ToArray();
if (chosen.Length == 0)
{
    Console.Error.WriteLine($"No example named '{args[0]}'; 'list' shows them.");
    return 1;
}

var options = new CourseOptions();
for (int i = 1; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--out": options = options with { OutputDirectory = Value() }; break;
        case "--data": options = options with { DataDirectory = Value() }; break;
        case "--frames": options = options with { Frames = true }; break;
        case "--epochs":
            string text = Value();
            options = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? options with { Epochs = n }
                : throw new ArgumentException($"--epochs needs a positive whole number; got '{text}'.");
            break;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'. Options: --out DIR, --data DIR, --epochs N, --frames.");
            return 1;
    }
}

foreach (CourseExample example in chosen)
{
    Console.WriteLine($"== {example.Name}: {example.Summary}");
    var clock = Stopwatch.StartNew();
    example.Run(Console.Out, options);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({example.Name} took {clock.Elapsed.TotalSeconds:F1} s)"));
    Console.WriteLine();
}

return 0;
