namespace NetGen;

/// <summary>Where a <see cref="NonFiniteException"/> found its first NaN or infinity.</summary>
public enum NonFiniteSource
{
    /// <summary>The network's inputs, before any layer ran.</summary>
    Inputs,

    /// <summary>The float targets given to <c>ComputeGradients</c>.</summary>
    Targets,

    /// <summary>The layer's own parameters (weight, bias or learned slopes), e.g. after a diverging optimizer step.</summary>
    Parameters,

    /// <summary>The layer's outputs, computed from finite inputs and finite parameters: the values overflowed.</summary>
    Outputs,

    /// <summary>The gradient of the loss with respect to the layer's parameters, computed by <c>ComputeGradients</c>.</summary>
    Gradients,
}
