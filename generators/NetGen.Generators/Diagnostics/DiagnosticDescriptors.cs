using Microsoft.CodeAnalysis;

namespace NetGen.Generators.Diagnostics;

/// <summary>
/// Every diagnostic NetGen reports. Ids are allocated here only, in order, and never reused, even after a rule is
/// removed. Keep this file in sync with AnalyzerReleases.*.md and docs/diagnostics/NGxxxx.md (a test checks both).
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Category = "NetGen";
    /// <summary>Where the diagnostic pages live; each descriptor links to <c>{HelpLinkBase}{Id}.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/netgen-dev/netgen/blob/main/docs/diagnostics/";

    /// <summary>NG0001: The class '{0}' has [Network] but is not declared partial.</summary>
    public static readonly DiagnosticDescriptor NetworkClassMustBePartial = Create(
        "NG0001", "Network class must be partial",
        "The class '{0}' has [Network] but is not declared partial; NetGen adds the generated members to it, so add the 'partial' modifier to every declaration",
        DiagnosticSeverity.Error);

    /// <summary>NG0002: Network '{0}' has no [Input].</summary>
    public static readonly DiagnosticDescriptor NetworkWithoutInput = Create(
        "NG0002", "Network has no input",
        "Network '{0}' has no [Input]; add [Input(size)], or [Input(channels, height, width)] for images, above its first layer attribute",
        DiagnosticSeverity.Error);

    /// <summary>NG0003: Network '{0}' has no layer.</summary>
    public static readonly DiagnosticDescriptor NetworkWithoutLayers = Create(
        "NG0003", "Network has no layer",
        "Network '{0}' has no layer; add at least one layer attribute such as [Dense(units)] after its [Input]",
        DiagnosticSeverity.Error);

    /// <summary>NG0004: {0} is {1}, but sizes must be positive.</summary>
    public static readonly DiagnosticDescriptor SizeMustBePositive = Create(
        "NG0004", "Size must be positive",
        "{0} is {1}, but sizes must be positive; pass 1 or more",
        DiagnosticSeverity.Error);

    /// <summary>NG0005: The last layer of '{0}' applies {1}, but CrossEntropy expects logits.</summary>
    public static readonly DiagnosticDescriptor CrossEntropyExpectsLogits = Create(
        "NG0005", "CrossEntropy expects logits",
        "The last layer of '{0}' applies {1}, but Loss.CrossEntropy applies softmax itself and expects logits; use Activation.Identity on the output layer",
        DiagnosticSeverity.Warning);

    /// <summary>NG0006: Network '{0}' is generic.</summary>
    public static readonly DiagnosticDescriptor GenericNetworkNotSupported = Create(
        "NG0006", "Generic networks are not supported",
        "Network '{0}' is generic or declared inside a generic type; NetGen generates code for fixed shapes, so declare it as a non-generic class",
        DiagnosticSeverity.Error);

    /// <summary>NG0007: Network '{0}' is nested in '{1}', which is not partial.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Create(
        "NG0007", "Containing type must be partial",
        "Network '{0}' is nested in '{1}', which is not declared partial; add 'partial' to every containing type",
        DiagnosticSeverity.Error);

    /// <summary>NG0008: '{0}' has more than one [Network].</summary>
    public static readonly DiagnosticDescriptor DuplicateNetworkAttribute = Create(
        "NG0008", "Duplicate [Network]",
        "'{0}' has more than one [Network] attribute; keep exactly one, on one of its partial declarations",
        DiagnosticSeverity.Error);

    /// <summary>NG0009: The layers of '{0}' are spread over several partial declarations.</summary>
    public static readonly DiagnosticDescriptor LayersSpreadOverPartialDeclarations = Create(
        "NG0009", "Layers are spread over several partial declarations",
        "The layers of '{0}' are spread over several partial declarations, so their order is undefined; put [Input] and every layer attribute on one declaration",
        DiagnosticSeverity.Error);

    /// <summary>NG0010: [Input] must appear once, before every layer of '{0}'.</summary>
    public static readonly DiagnosticDescriptor InputMustComeFirst = Create(
        "NG0010", "[Input] must come first, once",
        "[Input] must appear exactly once in '{0}', before every layer attribute, but {1}; keep one [Input] and put it above the first layer attribute",
        DiagnosticSeverity.Error);

    /// <summary>NG0011: {0} is not a known {1}.</summary>
    public static readonly DiagnosticDescriptor UnknownEnumValue = Create(
        "NG0011", "Unknown activation or loss",
        "{0} is not a known {1}; use one of the named members of NetGen.{1}",
        DiagnosticSeverity.Error);

    /// <summary>NG0012: Network '{0}' is too large: {1}.</summary>
    public static readonly DiagnosticDescriptor NetworkTooLarge = Create(
        "NG0012", "Network too large",
        "Network '{0}' is too large: {1} exceeds {2}, the most one buffer can hold; use fewer units or channels, a smaller input, or pooling or a stride to shrink images before the Dense layers",
        DiagnosticSeverity.Error);

    /// <summary>NG0013: Network class '{0}' is static.</summary>
    public static readonly DiagnosticDescriptor NetworkClassMustNotBeStatic = Create(
        "NG0013", "Network class must not be static",
        "Network class '{0}' is static; a network holds its parameters in instance fields, so remove 'static'",
        DiagnosticSeverity.Error);

    /// <summary>NG0014: The arguments of [{0}] on '{1}' could not be read.</summary>
    public static readonly DiagnosticDescriptor InvalidAttributeArguments = Create(
        "NG0014", "Attribute arguments could not be read",
        "The arguments of [{0}] on '{1}' could not be read; fix the attribute's arguments (see the compiler's error for the details)",
        DiagnosticSeverity.Error);

    /// <summary>NG0015: [{0}] on '{1}' has no effect: the class has no [Network].</summary>
    public static readonly DiagnosticDescriptor LayerAttributeWithoutNetwork = Create(
        "NG0015", "Layer attribute without [Network]",
        "[{0}] on '{1}' has no effect because the class has no [Network] attribute; add [Network] to generate the network",
        DiagnosticSeverity.Warning);

    /// <summary>NG0016: Network class '{0}' has a primary constructor.</summary>
    public static readonly DiagnosticDescriptor NetworkWithPrimaryConstructor = Create(
        "NG0016", "Network class must not have a primary constructor",
        "Network class '{0}' has a primary constructor, which the generated constructors cannot chain to; declare its state as fields or properties instead",
        DiagnosticSeverity.Error);

    /// <summary>NG0017: Network class '{0}' is file-local.</summary>
    public static readonly DiagnosticDescriptor FileLocalNetworkNotSupported = Create(
        "NG0017", "File-local networks are not supported",
        "Network class '{0}' is file-local (or nested in a file-local type), so generated code in another file cannot extend it; remove the 'file' modifier",
        DiagnosticSeverity.Error);

    /// <summary>NG0018: The window of {0} ({1}) does not fit its input {2}.</summary>
    public static readonly DiagnosticDescriptor WindowLargerThanInput = Create(
        "NG0018", "Kernel or pooling window larger than its input",
        "The {1} window of {0} does not fit its input {2}{3}, so the layer would have no output; use a smaller window or more padding",
        DiagnosticSeverity.Error);

    /// <summary>NG0019: The dropout probability of {0} is {1}; it must be in [0, 1).</summary>
    public static readonly DiagnosticDescriptor DropoutProbabilityOutOfRange = Create(
        "NG0019", "Dropout probability out of range",
        "The dropout probability of {0} is {1}; it must be at least 0 and less than 1, for example [Dropout(0.5)]",
        DiagnosticSeverity.Error);

    /// <summary>NG0020: {0} ({1}) needs an image input but receives {2}.</summary>
    public static readonly DiagnosticDescriptor ImageLayerNeedsImageInput = Create(
        "NG0020", "Convolution or pooling needs an image input",
        "{0} ({1}) needs an image input [channels, height, width] but receives the vector {2}; declare [Input(channels, height, width)] and put image layers before the first [Dense]",
        DiagnosticSeverity.Error);

    /// <summary>NG0021: The padding of {0} is {1}; it must not be negative.</summary>
    public static readonly DiagnosticDescriptor PaddingMustNotBeNegative = Create(
        "NG0021", "Padding must not be negative",
        "The padding of {0} is {1}; set Padding to 0 or more",
        DiagnosticSeverity.Error);

    /// <summary>NG0022: {0} of {1} is {2}; it must be a positive finite number.</summary>
    public static readonly DiagnosticDescriptor InvalidActivationParameter = Create(
        "NG0022", "Invalid activation parameter",
        "{0} of {1} is {2}; set {0} to a positive finite number, or leave it out to use its default",
        DiagnosticSeverity.Error);

    /// <summary>NG0023: {0} of {1} is {2}; it must be a finite number, 0 or more.</summary>
    public static readonly DiagnosticDescriptor InvalidRegularization = Create(
        "NG0023", "Invalid regularisation setting",
        "{0} of {1} is {2}; set {0} to a finite number, 0 or more (0 turns it off)",
        DiagnosticSeverity.Error);

    /// <summary>NG0024: {0} conflicts with the code NetGen generates for '{1}'; {2}.</summary>
    public static readonly DiagnosticDescriptor NameConflictsWithGeneratedCode = Create(
        "NG0024", "Name conflicts with generated code",
        "{0} conflicts with the code NetGen generates for '{1}'; {2}",
        DiagnosticSeverity.Error);

    /// <summary>NG0025: Network class '{0}' derives from '{1}'.</summary>
    public static readonly DiagnosticDescriptor NetworkClassMustNotHaveBaseClass = Create(
        "NG0025", "Network class must not have a base class",
        "Network class '{0}' derives from '{1}'; the generated constructors and members assume a class deriving from object only, so remove the base class (hold an instance in a field instead)",
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
