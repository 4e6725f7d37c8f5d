using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>
/// Walks every field reachable from an object (public or not, through base classes, arrays and boxed structs) and
/// reports the paths at which a Roslyn object that would pin a compilation is found.
/// </summary>
internal static class ObjectGraph
{
    private static readonly Type[] s_forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation),
        typeof(SemanticModel), typeof(AttributeData), typeof(SyntaxReference),
    };

    /// <summary>Paths such as <c>NetworkSpec.Type.&lt;Name&gt;k__BackingField</c> of every forbidden object.</summary>
    public static List<string> FindRoslynObjects(object root)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0)
        {
            (object value, string path) = pending.Pop();
            Type type = value.GetType();
            if (Array.Exists(s_forbidden, f => f.IsAssignableFrom(type)))
            {
                found.Add($"{path} ({type.FullName})");
                continue;
            }

            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || (!type.IsValueType && !seen.Add(value)))
            {
                continue;
            }

            if (value is Array array)
            {
                int index = 0;
                foreach (object? item in (IEnumerable)array)
                {
                    if (item is not null)
                    {
                        pending.Push((item, $"{path}[{index}]"));
                    }

                    index++;
                }

                continue;
            }

            for (Type? t = type; t is not null; t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(value) is { } child)
                    {
                        pending.Push((child, $"{path}.{field.Name}"));
                    }
                }
            }
        }

        return found;
    }
}
