namespace NetGen.CodeFixes;

/// <summary>
/// The ids this assembly fixes, as strings: the code fixes do not load the generator assembly. They are allocated in
/// NetGen.Generators' DiagnosticDescriptors; a test checks each id here against the descriptor of the same name.
/// </summary>
public static class DiagnosticIds
{
    public const string NetworkClassMustBePartial = "NG0001";
    public const string CrossEntropyExpectsLogits = "NG0005";
    public const string ContainingTypeMustBePartial = "NG0007";
    public const string InputMustComeFirst = "NG0010";
    public const string NetworkClassMustNotBeStatic = "NG0013";
}
