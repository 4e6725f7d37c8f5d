using Xunit;
using Xunit.Sdk;

namespace NetGen.Tests;

public class SteadyStateAllocationTests
{
    private static byte[]? s_sink;

    [Fact]
    public void AStepThatAllocatesOnEveryCall_Fails()
    {
        var e = Assert.Throws<FailException>(() => SteadyStateAllocation.AssertNone(() => s_sink = new byte[100], "the step"));
        Assert.Contains("the step allocated in every measured window", e.Message);
    }

    [Fact]
    public void AStepThatAllocatesNothing_Passes()
    {
        int calls = 0;
        SteadyStateAllocation.AssertNone(() => calls++, "counting");
        Assert.True(calls >= 44, $"the step ran {calls} times");
    }
}
