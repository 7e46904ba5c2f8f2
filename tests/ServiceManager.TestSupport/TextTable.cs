namespace ServiceManager.TestSupport;

/// <summary>
/// Reads a CLI table: the header's words fix the columns; every row must have each cell start exactly under its
/// header word (left-aligned columns), which is what "aligned" means to a reader.
/// </summary>
public sealed class TextTable
{
    private TextTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Headers = headers;
        Rows = rows;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public IReadOnlyDictionary<string, string> Row(string column, string value) => Rows.Single(r => r[column] == value);

    /// <summary>Parses and checks alignment; cells other than the last must not contain spaces (true of every table svcmgr prints today).</summary>
    public static TextTable Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty("a table has a header line");
        var header = lines[0];
        var starts = new List<int>();
        var headers = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] != ' ' && (i == 0 || header[i - 1] == ' '))
            {
                starts.Add(i);
                var end = header.IndexOf(' ', i);
                headers.Add(end < 0 ? header[i..] : header[i..end]);
            }
        }

        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = new Dictionary<string, string>();
            for (var c = 0; c < starts.Count; c++)
            {
                var start = starts[c];
                line.Length.Should().BeGreaterThan(start, $"row '{line}' reaches column {headers[c]}");
                line[start].Should().NotBe(' ', $"column {headers[c]} of row '{line}' starts under its header (offset {start})");
                if (start > 0) line[start - 1].Should().Be(' ', $"column {headers[c]} of row '{line}' starts under its header (offset {start})");
                var end = c + 1 < starts.Count ? starts[c + 1] : line.Length;
                var cell = line[start..Math.Min(end, line.Length)].TrimEnd();
                if (c + 1 < starts.Count) cell.Should().NotContain(" ", $"column {headers[c]} of row '{line}' holds one word");
                cells[headers[c]] = cell;
            }

            rows.Add(cells);
        }

        return new TextTable(headers, rows);
    }
}
