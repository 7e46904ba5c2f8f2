using System.Text;

namespace ServiceManager.Cli.Output;

/// <summary>Prints rows as left-aligned columns separated by two spaces, header first.</summary>
internal sealed class TableWriter(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>A long cell (a command line) cut to <paramref name="max"/> characters, ending in "...".</summary>
    public static string Truncate(string text, int max = 80) => text.Length <= max ? text : text[..(max - 3)] + "...";

    public string Render()
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
            for (var i = 0; i < widths.Length; i++)
                widths[i] = Math.Max(widths[i], i < row.Length ? row[i].Length : 0);

        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < row.Length ? row[i] : "";
                line.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
