using System;
using System.Globalization;
using NetGen.Optimizers;
using NetGen.Training;
using Xor;

// The four XOR cases and their targets.
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];

var network = new XorNetwork(seed: 1);
var optimizer = new Sgd(learningRate: 0.5f, momentum: 0.9f);
float[] losses = Trainer.Fit(network, optimizer, inputs, targets, epochs: 500, batchSize: 4, seed: 1);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"XorNetwork {XorNetwork.InputSize}-4-{XorNetwork.OutputSize}, {XorNetwork.ParameterCount} parameters, loss {losses[0]:F4} -> {losses[^1]:F6} after {losses.Length} epochs"));

float[] outputs = new float[4];
network.Forward(inputs, outputs);
int correct = 0;
for (int i = 0; i < 4; i++)
{
    int predicted = outputs[i] >= 0.5f ? 1 : 0;
    correct += predicted == (int)targets[i] ? 1 : 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{inputs[2 * i]} XOR {inputs[2 * i + 1]} = {outputs[i]:F4} -> {predicted} (expected {targets[i]})"));
}

Console.WriteLine($"{correct}/4 correct");
return correct == 4 ? 0 : 1;
