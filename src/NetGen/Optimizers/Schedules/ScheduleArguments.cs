using System;

namespace NetGen.Optimizers.Schedules;

/// <summary>The argument checks every schedule makes.</summary>
internal static class ScheduleArguments
{
    public static void CheckLearningRateAt(int epoch, float initialLearningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        NonNegative(initialLearningRate, nameof(initialLearningRate));
    }

    public static float NonNegative(float value, string paramName)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite value >= 0.");
        }

        return value;
    }
}
