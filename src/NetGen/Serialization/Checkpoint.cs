using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using NetGen.Optimizers;

namespace NetGen.Serialization;

/// <summary>
/// Saves and restores a network's parameters, and optionally its optimizer's state, as a
/// <see href="https://github.com/huggingface/safetensors">safetensors</see> file that PyTorch tooling can read.
/// </summary>
/// <remarks>
/// <para>
/// The file holds one F32 tensor per entry of <see cref="INetwork.ParameterTensors"/>, under its state_dict-style name
/// and PyTorch shape, in that order. With an optimizer, it also holds the tensor <c>optimizer.state</c> (F32, shape
/// <c>[StateLength]</c>, omitted when the optimizer keeps no state) and the metadata <c>optimizer.type</c> (the class
/// name, e.g. <c>Adam</c>), <c>optimizer.step_count</c> and <c>optimizer.learning_rate</c> (invariant, round-trip
/// formatting). The optimizer's hyper-parameters are not saved: restore into an optimizer built with the same ones.
/// Other metadata: <c>format</c> = <c>pt</c>, <c>netgen.version</c>, <c>netgen.network</c> (the network's type) and
/// the <see cref="CheckpointInfo"/>: <c>netgen.epoch</c> and its free entries.
/// </para>
/// <para>
/// <b>Names and PyTorch.</b> <see cref="INetwork.ParameterTensors"/> already carries the names of the equivalent
/// <c>nn.Sequential</c>'s <c>state_dict</c> (activation and Flatten modules counted), so such a model's file loads as
/// it is, and a NetGen file loads into that model with <c>load_state_dict</c> (strict loading needs
/// <c>optimizer.state</c> dropped first if the file was saved with an optimizer). For any other naming (a prefix such as
/// <c>model.</c>, another module tree) pass a name map, <c>nameInFile</c>, to <see cref="Load"/> and
/// <see cref="Save"/>; nothing is matched by guesswork.
/// </para>
/// </remarks>
public static class Checkpoint
{
    /// <summary>The name of the tensor holding the optimizer's state.</summary>
    public const string OptimizerStateTensor = "optimizer.state";

    private const string FormatKey = "format";
    private const string VersionKey = "netgen.version";
    private const string NetworkKey = "netgen.network";
    private const string EpochKey = "netgen.epoch";
    private const string OptimizerTypeKey = "optimizer.type";
    private const string StepCountKey = "optimizer.step_count";
    private const string LearningRateKey = "optimizer.learning_rate";

    /// <summary>
    /// Writes <paramref name="network"/>'s parameters, and <paramref name="optimizer"/>'s state if given, to
    /// <paramref name="path"/>, atomically: the file is written beside the target under a temporary name, flushed to
    /// disk, then moved over <paramref name="path"/>. If anything fails, the temporary file is deleted and an existing
    /// checkpoint at <paramref name="path"/> is left as it was. (The rename itself is not synced to disk: .NET has no
    /// call to flush a directory, so after a power loss the old checkpoint may reappear, but never a partial one.)
    /// A process killed mid-save leaves its temporary file (<c>.name.safetensors.*.tmp</c>, hidden, never read as a
    /// checkpoint); the next save to the same path on the same machine deletes it once that process is gone.
    /// </summary>
    /// <param name="path">The checkpoint's path; its directory must exist. Conventionally <c>*.safetensors</c>.</param>
    /// <param name="network">The network whose <see cref="INetwork.Parameters"/> are saved.</param>
    /// <param name="optimizer">The optimizer training it, to resume training bit-identically; null to save weights only.</param>
    /// <param name="info">The epoch and free metadata to record.</param>
    /// <param name="nameInFile">Maps each of the network's tensor names to the name written; null keeps them.</param>
    /// <exception cref="ArgumentException">
    /// The metadata uses a reserved key, the epoch is negative, or the name map gives an empty, reserved or repeated name.
    /// </exception>
    public static void Save(
        string path,
        INetwork network,
        IOptimizer? optimizer = null,
        CheckpointInfo? info = null,
        Func<string, string>? nameInFile = null) =>
        SaveCore(path, network, optimizer, info, nameInFile, CreateTemporaryFile);

    /// <summary>
    /// <see cref="Save(string, INetwork, IOptimizer?, CheckpointInfo?, Func{string, string}?)"/> with the temporary
    /// file opened by <paramref name="createTemporary"/> (given its path), so that tests can make writing fail.
    /// </summary>
    internal static void SaveCore(
        string path,
        INetwork network,
        IOptimizer? optimizer,
        CheckpointInfo? info,
        Func<string, string>? nameInFile,
        Func<string, Stream> createTemporary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(createTemporary);

        // Everything that can be rejected is checked, and the optimizer's state copied, before the disk is touched.
        IReadOnlyList<TensorInfo> parameterTensors = network.ParameterTensors;
        var tensors = new List<SafeTensorsWriter.Tensor>(parameterTensors.Count + 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TensorInfo tensor in parameterTensors)
        {
            string name = MapName(nameInFile, tensor.Name);
            if (name.Length == 0 || name == OptimizerStateTensor || name == SafeTensorsReader.MetadataKey || !names.Add(name))
            {
                throw new ArgumentException(
                    $"The name map gives '{name}' for the network's tensor '{tensor.Name}'; names must be non-empty, " +
                    $"distinct, and neither '{OptimizerStateTensor}' nor '{SafeTensorsReader.MetadataKey}'.",
                    nameof(nameInFile));
            }

            tensors.Add(new SafeTensorsWriter.Tensor(name, tensor.Shape, tensor.Length));
        }

        float[] state = [];
        if (optimizer is not null)
        {
            state = new float[optimizer.StateLength(network.ParameterCount)];
            optimizer.SaveState(state);
            if (state.Length > 0)
            {
                tensors.Add(new SafeTensorsWriter.Tensor(OptimizerStateTensor, [state.Length], state.Length));
            }
        }

        byte[] header = SafeTensorsWriter.BuildHeader(tensors, SavedMetadata(network, optimizer, info));

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        DeleteStaleTemporaryFiles(directory, Path.GetFileName(fullPath));
        string temporary = Path.Combine(directory, TemporaryName(Path.GetFileName(fullPath), Environment.ProcessId, Guid.NewGuid()));
        try
        {
            using (Stream stream = createTemporary(temporary))
            {
                SafeTensorsWriter.WriteHeader(stream, header);
                foreach (TensorInfo tensor in parameterTensors)
                {
                    SafeTensorsWriter.WriteSingles(stream, network.Parameters.Slice(tensor.Offset, tensor.Length));
                }

                SafeTensorsWriter.WriteSingles(stream, state);
                if (stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
                else
                {
                    stream.Flush();
                }
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Restores <paramref name="network"/>'s parameters, and <paramref name="optimizer"/>'s state if given, from
    /// <paramref name="path"/>. Everything is checked before anything is copied, so a failed load changes nothing.
    /// </summary>
    /// <param name="path">A safetensors file, written by <see cref="Save"/> or by other tools.</param>
    /// <param name="network">Receives the parameters: each of its tensors must be in the file, F32, with its shape.</param>
    /// <param name="optimizer">
    /// Receives the saved state, step count and learning rate; it must be of the saved class and built with the same
    /// hyper-parameters. Null loads the parameters only, ignoring any optimizer state in the file.
    /// </param>
    /// <param name="nameInFile">
    /// Maps each of the network's tensor names to its name in the file (e.g. <c>n =&gt; "model." + n</c>); null when the
    /// names are the same.
    /// </param>
    /// <returns>The epoch and free metadata recorded by <see cref="Save"/> (reserved keys left out).</returns>
    /// <exception cref="CheckpointFormatException">The file is not a valid safetensors file.</exception>
    /// <exception cref="CheckpointException">
    /// The file does not fit: its message lists every missing or unexpected tensor, wrong shape or dtype, and optimizer
    /// mismatch.
    /// </exception>
    /// <exception cref="ArgumentException">The name map gives two of the network's tensors the same name.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static CheckpointInfo Load(
        string path, INetwork network, IOptimizer? optimizer = null, Func<string, string>? nameInFile = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);

        using FileStream stream = OpenRead(path);
        SafeTensorsHeader file = SafeTensorsReader.ReadHeader(stream, path);
        var problems = new List<string>();

        IReadOnlyList<TensorInfo> parameterTensors = network.ParameterTensors;
        var sources = new SafeTensorsEntry?[parameterTensors.Count];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < parameterTensors.Count; i++)
        {
            TensorInfo tensor = parameterTensors[i];
            string name = MapName(nameInFile, tensor.Name);
            if (!used.Add(name))
            {
                throw new ArgumentException(
                    $"The name map gives '{name}' for two of the network's tensors.", nameof(nameInFile));
            }

            string label = name == tensor.Name ? $"'{name}'" : $"'{name}' (the network's '{tensor.Name}')";
            string shape = SafeTensorsEntry.FormatShape(tensor.Shape);
            if (!file.TryGetEntry(name, out SafeTensorsEntry? entry))
            {
                problems.Add($"missing tensor {label} of shape {shape}");
                continue;
            }

            bool fits = true;
            if (entry.DType != SafeTensorsDType.F32)
            {
                problems.Add($"tensor {label} has dtype {entry.DType} in the file; expected F32");
                fits = false;
            }

            if (!SameShape(entry.Shape, tensor.Shape))
            {
                problems.Add($"tensor {label} has shape {entry.ShapeText} in the file but {shape} in the network");
                fits = false;
            }

            sources[i] = fits ? entry : null;
        }

        OptimizerState? saved = optimizer is null ? null : CheckOptimizer(file, optimizer, network.ParameterCount, problems);
        foreach (SafeTensorsEntry entry in file.Entries)
        {
            if (!used.Contains(entry.Name) && entry.Name != OptimizerStateTensor)
            {
                problems.Add($"unexpected tensor '{entry.Name}' of shape {entry.ShapeText} ({entry.DType}): the network has none of that name");
            }
        }

        int? epoch = ParseEpoch(file.Metadata, problems);
        if (problems.Count > 0)
        {
            string savedFrom = file.Metadata.TryGetValue(NetworkKey, out string? type) ? $" (saved from {type})" : "";
            string into = optimizer is null ? network.GetType().Name : $"{network.GetType().Name} with {optimizer.GetType().Name}";
            throw new CheckpointException(path, $"cannot be loaded into {into}{savedFrom}", problems);
        }

        // Read everything, then change anything.
        var values = new float[parameterTensors.Count][];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = file.ReadSingles(stream, sources[i]!);
        }

        if (optimizer is not null)
        {
            float[] state = saved!.Entry is null ? [] : file.ReadSingles(stream, saved.Entry);
            try
            {
                optimizer.LoadState(state, saved.StepCount);
            }
            catch (ArgumentException e)
            {
                throw new CheckpointException(path, "the optimizer rejected the saved state", [e.Message], e);
            }

            optimizer.LearningRate = saved.LearningRate;
        }

        Span<float> parameters = network.Parameters;
        for (int i = 0; i < values.Length; i++)
        {
            values[i].CopyTo(parameters.Slice(parameterTensors[i].Offset, parameterTensors[i].Length));
        }

        return new CheckpointInfo { Epoch = epoch, Metadata = FreeMetadata(file.Metadata) };
    }

    /// <summary>
    /// Reads every tensor of a safetensors file, validated as by <see cref="Load"/>, for inspection or interchange.
    /// F16, BF16 and F64 tensors are converted to float; a file holding other dtypes is rejected.
    /// </summary>
    /// <returns>The tensors by name, in the order of their data.</returns>
    /// <exception cref="CheckpointFormatException">The file is not a valid safetensors file.</exception>
    /// <exception cref="CheckpointException">The file holds integer, boolean or 8-bit-or-smaller float tensors.</exception>
    public static IReadOnlyDictionary<string, CheckpointTensor> ReadTensors(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenRead(path);
        SafeTensorsHeader file = SafeTensorsReader.ReadHeader(stream, path);
        var problems = new List<string>();
        foreach (SafeTensorsEntry entry in file.Entries)
        {
            if (!SafeTensorsDType.IsConvertibleToSingle(entry.DType))
            {
                problems.Add($"tensor '{entry.Name}' has dtype {entry.DType}; only F32, F16, BF16 and F64 convert to float");
            }
        }

        if (problems.Count > 0)
        {
            throw new CheckpointException(path, "holds tensors that cannot be read as float", problems);
        }

        var tensors = new Dictionary<string, CheckpointTensor>(file.Entries.Count, StringComparer.Ordinal);
        foreach (SafeTensorsEntry entry in file.Entries)
        {
            tensors.Add(entry.Name, new CheckpointTensor(entry.DType, entry.Shape, file.ReadSingles(stream, entry)));
        }

        return new ReadOnlyDictionary<string, CheckpointTensor>(tensors);
    }

    /// <summary>Reads the whole <c>__metadata__</c> map of a safetensors file (reserved keys included), validated as by <see cref="Load"/>.</summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid safetensors file.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenRead(path);
        return SafeTensorsReader.ReadHeader(stream, path).Metadata;
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);

    private static FileStream CreateTemporaryFile(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    /// <summary>
    /// The temporary file of one save: hidden beside the target, named after it, this machine and this process, so
    /// that a later save can tell a file left by a killed process from one another save is writing right now.
    /// </summary>
    internal static string TemporaryName(string fileName, int processId, Guid unique) =>
        string.Create(CultureInfo.InvariantCulture, $".{fileName}.{MachineTag}-{processId}-{unique:N}.tmp");

    private static readonly string MachineTag =
        ((uint)StableHash(Environment.MachineName)).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>
    /// Deletes the temporary files earlier saves to the same checkpoint left behind when their process died mid-save
    /// (killed, crashed, power lost): those written on this machine by a process that no longer runs. A temporary file
    /// of this process, of a live process or of another machine (a shared folder) is left alone, since its save may
    /// still be running. Failures are ignored: cleaning up is a courtesy, never a reason for a save to fail.
    /// </summary>
    private static void DeleteStaleTemporaryFiles(string directory, string fileName)
    {
        string prefix = $".{fileName}.{MachineTag}-";
        try
        {
            foreach (string candidate in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
            {
                string name = Path.GetFileName(candidate);
                string rest = name[prefix.Length..];
                int dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0
                    && int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int processId)
                    && processId != Environment.ProcessId
                    && !IsRunning(processId))
                {
                    TryDelete(candidate);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (PlatformNotSupportedException)
        {
            return true; // cannot tell: keep the file
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: the same on every run, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static int StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string MapName(Func<string, string>? nameInFile, string name)
    {
        if (nameInFile is null)
        {
            return name;
        }

        return nameInFile(name) ?? throw new ArgumentException($"The name map returned null for '{name}'.", nameof(nameInFile));
    }

    private static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsReserved(string key) =>
        key == FormatKey || key.StartsWith("netgen.", StringComparison.Ordinal) || key.StartsWith("optimizer.", StringComparison.Ordinal);

    private static List<KeyValuePair<string, string>> SavedMetadata(INetwork network, IOptimizer? optimizer, CheckpointInfo? info)
    {
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(FormatKey, "pt"),
            new(VersionKey, typeof(Checkpoint).Assembly.GetName().Version?.ToString() ?? "unknown"),
            new(NetworkKey, network.GetType().FullName ?? network.GetType().Name),
        };
        if (optimizer is not null)
        {
            metadata.Add(new(OptimizerTypeKey, optimizer.GetType().Name));
            metadata.Add(new(StepCountKey, optimizer.StepCount.ToString(CultureInfo.InvariantCulture)));
            metadata.Add(new(LearningRateKey, optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture)));
        }

        if (info is null)
        {
            return metadata;
        }

        if (info.Epoch is int epoch)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(epoch, nameof(info));
            metadata.Add(new(EpochKey, epoch.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (KeyValuePair<string, string> entry in info.Metadata)
        {
            if (IsReserved(entry.Key) || entry.Value is null)
            {
                throw new ArgumentException(
                    entry.Value is null
                        ? $"Metadata '{entry.Key}' has a null value; values must be strings."
                        : $"Metadata key '{entry.Key}' is reserved: keys must not be '{FormatKey}' or begin with 'netgen.' or 'optimizer.'.",
                    nameof(info));
            }

            metadata.Add(entry);
        }

        return metadata;
    }

    private static ReadOnlyDictionary<string, string> FreeMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var free = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> entry in metadata)
        {
            if (!IsReserved(entry.Key))
            {
                free.Add(entry.Key, entry.Value);
            }
        }

        return new ReadOnlyDictionary<string, string>(free);
    }

    private static int? ParseEpoch(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        if (!metadata.TryGetValue(EpochKey, out string? text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
        {
            return epoch;
        }

        problems.Add($"metadata '{EpochKey}' is '{text}'; expected a non-negative integer");
        return null;
    }

    private static OptimizerState? CheckOptimizer(
        SafeTensorsHeader file, IOptimizer optimizer, int parameterCount, List<string> problems)
    {
        string given = optimizer.GetType().Name;
        if (!file.Metadata.TryGetValue(OptimizerTypeKey, out string? type))
        {
            problems.Add(
                $"an optimizer ({given}) was given, but the file holds no optimizer state (no '{OptimizerTypeKey}' " +
                "metadata); pass no optimizer to load the parameters only");
            return null;
        }

        int before = problems.Count;
        if (type != given)
        {
            problems.Add($"optimizer type mismatch: the file holds the state of {type}, but {given} was given");
        }

        if (!file.Metadata.TryGetValue(StepCountKey, out string? stepText) ||
            !long.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out long stepCount))
        {
            problems.Add($"metadata '{StepCountKey}' is {Quote(stepText)}; expected a non-negative integer");
            stepCount = 0;
        }

        if (!file.Metadata.TryGetValue(LearningRateKey, out string? rateText) ||
            !float.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out float learningRate) ||
            !float.IsFinite(learningRate) || learningRate < 0f)
        {
            problems.Add($"metadata '{LearningRateKey}' is {Quote(rateText)}; expected a finite number >= 0");
            learningRate = 0f;
        }

        int length = optimizer.StateLength(parameterCount);
        file.TryGetEntry(OptimizerStateTensor, out SafeTensorsEntry? entry);
        if (entry is null && length > 0)
        {
            problems.Add($"missing tensor '{OptimizerStateTensor}' of shape [{length}] ({given} state for {parameterCount} parameters)");
        }
        else if (entry is not null && (entry.DType != SafeTensorsDType.F32 || entry.Shape.Count != 1 || entry.Shape[0] != length))
        {
            problems.Add(
                $"tensor '{OptimizerStateTensor}' is {entry.DType} {entry.ShapeText} in the file; {given} keeps F32 [{length}] " +
                $"for {parameterCount} parameters");
        }

        return problems.Count == before ? new OptimizerState(entry, stepCount, learningRate) : null;
    }

    private static string Quote(string? text) => text is null ? "absent" : $"'{text}'";

    private sealed record OptimizerState(SafeTensorsEntry? Entry, long StepCount, float LearningRate);
}
