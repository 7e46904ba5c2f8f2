using System.Text;

namespace ServiceManager.Daemon.Export;

/// <summary>A systemd unit file being written: sections in order, each with its lines (values already escaped,
/// <see cref="SystemdText"/>), comments kept where they were added.</summary>
public sealed class UnitFile
{
    private readonly List<(string Name, List<string> Lines)> _sections = [];
    private readonly List<string> _header = [];

    /// <summary>A comment above the first section.</summary>
    public UnitFile Comment(string text)
    {
        foreach (var line in text.Split('\n')) _header.Add("# " + line);
        return this;
    }

    public Section this[string name]
    {
        get
        {
            var index = _sections.FindIndex(s => s.Name == name);
            if (index < 0)
            {
                _sections.Add((name, []));
                index = _sections.Count - 1;
            }

            return new Section(_sections[index].Lines);
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var line in _header) text.Append(line).Append('\n');
        foreach (var (name, lines) in _sections)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append('[').Append(name).Append("]\n");
            foreach (var line in lines) text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The lines of one section.</summary>
    public readonly struct Section(List<string> lines)
    {
        public Section Set(string key, string value)
        {
            lines.Add($"{key}={value}");
            return this;
        }

        public Section Comment(string text)
        {
            foreach (var line in text.Split('\n')) lines.Add("# " + line);
            return this;
        }
    }
}
