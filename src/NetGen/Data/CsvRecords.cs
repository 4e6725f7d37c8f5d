using System.Collections.Generic;
using System.Text;

namespace NetGen.Data;

/// <summary>
/// Splits CSV text into records (RFC 4180, simply): fields separated by commas; a field in double quotes may hold
/// commas, line breaks and doubled quotes; records end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>. Blank lines are
/// skipped. Each record keeps the 1-based line on which it starts, for messages.
/// </summary>
internal static class CsvRecords
{
    public static List<(int Line, string[] Fields)> Parse(string text, string fileName)
    {
        var records = new List<(int Line, string[] Fields)>();
        var fields = new List<string>();
        var quoted = new StringBuilder();
        int i = 0, n = text.Length, line = 1;
        while (i < n)
        {
            int recordLine = line;
            bool anyQuoted = false;
            fields.Clear();
            while (true)
            {
                if (i < n && text[i] == '"')
                {
                    anyQuoted = true;
                    int column = fields.Count + 1;
                    i++;
                    quoted.Clear();
                    while (true)
                    {
                        if (i >= n)
                        {
                            throw DataFormatException.AtCell(fileName, recordLine, column, "a closing double quote", "the end of the file inside a quoted field");
                        }

                        char c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < n && text[i + 1] == '"')
                            {
                                quoted.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] != '\n')))
                        {
                            line++;
                        }

                        quoted.Append(c);
                        i++;
                    }

                    if (i < n && text[i] is not (',' or '\n' or '\r'))
                    {
                        throw DataFormatException.AtCell(
                            fileName, recordLine, column, "a comma or the end of the line after a closing double quote", $"'{text[i]}'");
                    }

                    fields.Add(quoted.ToString());
                }
                else
                {
                    int start = i;
                    while (i < n && text[i] is not (',' or '\n' or '\r'))
                    {
                        i++;
                    }

                    fields.Add(text[start..i]);
                }

                if (i < n && text[i] == ',')
                {
                    i++;
                    continue;
                }

                if (i < n && text[i] == '\r')
                {
                    i++;
                }

                if (i < n && text[i] == '\n')
                {
                    i++;
                }

                line++;
                break;
            }

            bool blank = !anyQuoted && fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]);
            if (!blank)
            {
                records.Add((recordLine, fields.ToArray()));
            }
        }

        return records;
    }
}
