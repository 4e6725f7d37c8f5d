using System.Linq;

namespace NetGen.Generators.Model;

/// <summary>
/// Where a network class lives, as strings: enough to reopen it with <c>partial</c> declarations, including
/// inside containing types.
/// </summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="Name">The class name.</param>
/// <param name="Keyword">The declaration keyword: <c>class</c> or <c>record</c>.</param>
/// <param name="ContainingTypes">Outermost first.</param>
public sealed record HierarchyInfo(string Namespace, string Name, string Keyword, EquatableArray<TypeInfo> ContainingTypes)
{
    /// <summary>
    /// The dotted name used in messages and as the file-name hint, e.g. <c>Demo.Outer.MnistMlp</c>, without the
    /// <c>@</c> that escapes keywords in source (and is not allowed in a hint name).
    /// </summary>
    public string DisplayName =>
        string.Join(".", new[] { Namespace }.Where(n => n.Length > 0)
            .Concat(ContainingTypes.Select(t => t.Name)).Concat(new[] { Name })).Replace("@", string.Empty);

    /// <summary>The file-name hint, e.g. <c>Demo.Outer.MnistMlp</c>.</summary>
    public string HintName => DisplayName;
}

/// <summary>A containing type: its declaration keyword (<c>class</c>, <c>struct</c>, <c>record struct</c>, ...) and name.</summary>
public sealed record TypeInfo(string Keyword, string Name);
