using System;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>After the first step sizes the state, steps and state saves allocate nothing.</summary>
public class OptimizerAllocationTests
{
    [Theory]
    [MemberData(nameof(OptimizerConfigurations.Names), MemberType = typeof(OptimizerConfigurations))]
    public void Step_AllocatesNothingAfterWarmUp(string name)
    {
        const int count = 1000;
        IOptimizer optimizer = OptimizerConfigurations.Create(name);
        float[] parameters = OptimizerConfigurations.StartingParameters(count);
        float[] gradients = new float[count];
        float[] state = new float[optimizer.StateLength(count)];
        OptimizerConfigurations.FillGradients(gradients, 0);
        optimizer.Step(parameters, gradients); // warm-up: allocates the state
        optimizer.SaveState(state);
        optimizer.LoadState(state, optimizer.StepCount);

        void Steps()
        {
            for (int step = 1; step < 10; step++)
            {
                optimizer.LearningRate *= 0.9f;
                optimizer.Step(parameters, gradients);
                optimizer.SaveState(state);
                optimizer.LoadState(state, optimizer.StepCount);
            }
        }

        Steps(); // every path once more, so that nothing first-time (JIT tiering) lands in the measurement
        long before = GC.GetAllocatedBytesForCurrentThread();
        Steps();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
