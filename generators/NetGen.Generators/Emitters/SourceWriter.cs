using System;
using System.Text;

namespace NetGen.Generators.Emitters;

/// <summary>Writes indented C# text with "\n" line endings, so the output is the same on every machine.</summary>
public sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4).Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced Close.");
        }

        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
