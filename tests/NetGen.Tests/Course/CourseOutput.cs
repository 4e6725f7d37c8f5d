using System;
using System.IO;
using Course;
using Xunit;

namespace NetGen.Tests.CourseExamples;

/// <summary>A temporary folder for an example's pictures, deleted afterwards, so that tests never write into the repository.</summary>
public sealed class CourseOutput : IDisposable
{
    public CourseOutput() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"netgen-course-{Guid.NewGuid():N}");

    /// <summary>Options writing into <see cref="Folder"/>; tests shrink the sizes with <c>with { ... }</c>.</summary>
    public CourseOptions Options => new() { OutputDirectory = Folder };

    /// <summary>Asserts that <paramref name="path"/> is a PNG file inside <see cref="Folder"/>.</summary>
    public void AssertPicture(string path, string fileName)
    {
        Assert.Equal(Path.Combine(Path.GetFullPath(Folder), fileName), path);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
