using System;
using System.Diagnostics;
using NetGen.Serialization;

namespace NetGen.Tests.Reliability;

/// <summary>
/// The test assembly's entry point (in place of the test SDK's empty one). Run as
/// <c>dotnet NetGen.Tests.dll checkpoint-writer PATH</c>, it saves the two checkpoints of
/// <see cref="CheckpointKillTests"/> to PATH alternately, B first, printing <c>ready</c> after the first save, until it is
/// killed (or two minutes pass, should its parent have died). Otherwise it does nothing.
/// </summary>
public static class CheckpointWriterProgram
{
    public const string Command = "checkpoint-writer";

    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != Command)
        {
            return 0;
        }

        (LargeCheckpointNetwork Network, global::NetGen.Optimizers.Adam Optimizer)[] checkpoints = [CheckpointKillTests.Reference(0), CheckpointKillTests.Reference(1)];
        var clock = Stopwatch.StartNew();
        for (int i = 0; clock.Elapsed < TimeSpan.FromMinutes(2); i++)
        {
            var (network, optimizer) = checkpoints[(i + 1) % 2];
            Checkpoint.Save(args[1], network, optimizer);
            if (i == 0)
            {
                Console.Out.WriteLine("ready");
                Console.Out.Flush();
            }
        }

        return 0;
    }
}
