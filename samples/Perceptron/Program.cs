using System;
using Perceptron;

// The AND gate: weights (0.038, 0.21), bias -0.32, learning rate 0.05, samples in the order (0,0), (0,1), (1,0), (1,1).
Console.WriteLine("AND gate, perceptron with bias (parameters: w1, w2, bias)");
var and = new TwoInputPerceptron([0.038f, 0.21f, -0.32f]);
float[][] gateInputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
var andHistory = DeltaRule.Train(and, gateInputs, [0, 0, 0, 1], learningRate: 0.05f);
foreach (var p in andHistory)
{
    Console.WriteLine(DeltaRule.Format(p));
}

Console.WriteLine($"converged after {andHistory[^1].Epoch} epochs");
Console.WriteLine();

// Without bias: w = (1, -0.8); p1 = (1, 2) -> 1, p2 = (-1, 2) -> 0, p3 = (0, -1) -> 0; learning rate 1.
Console.WriteLine("Perceptron without bias (parameters: w1, w2)");
var noBias = new NoBiasPerceptron([1f, -0.8f]);
var noBiasHistory = DeltaRule.Train(noBias, [[1, 2], [-1, 2], [0, -1]], [1, 0, 0], learningRate: 1f);
foreach (var p in noBiasHistory)
{
    Console.WriteLine(DeltaRule.Format(p));
}

Console.WriteLine($"converged after {noBiasHistory[^1].Epoch} epochs");
