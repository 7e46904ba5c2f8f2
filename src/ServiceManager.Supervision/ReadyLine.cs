using System.Text.RegularExpressions;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Logs;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>An instance's <c>ready_log_line</c>, compiled once per definition; <see cref="Watch"/> gives each run its matcher.</summary>
internal sealed class ReadyLine
{
    private readonly Regex _pattern;

    private ReadyLine(string text, Regex pattern)
    {
        Text = text;
        _pattern = pattern;
    }

    public string Text { get; }

    /// <summary>The matcher for <paramref name="definition"/>: <paramref name="current"/> again when the text is the same,
    /// null without a ready line.</summary>
    public static ReadyLine? For(InstanceDefinition definition, ReadyLine? current) =>
        definition.ReadyLogLine is not { } text ? null
        : current?.Text == text ? current
        : new ReadyLine(text, ReadyLinePattern.Compile(text));

    /// <summary>A sink for one child: everything goes on to <paramref name="log"/>; until a line matches, lines are also
    /// cut and matched here, and the first match calls <paramref name="matched"/> (on the I/O thread: it must be quick).</summary>
    public IChildOutputSink Watch(IChildOutputSink log, Action matched) => new RunSink(log, _pattern, matched);

    /// <summary>One child's output. Both streams count. Called only by the spawner's I/O thread, one call at a time.</summary>
    private sealed class RunSink(IChildOutputSink log, Regex pattern, Action matched) : IChildOutputSink
    {
        private readonly LineSplitter _stdout = new();
        private readonly LineSplitter _stderr = new();
        private readonly List<string> _lines = [];
        private bool _matched;

        public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
        {
            log.OnOutput(stream, data);
            if (_matched) return;
            Splitter(stream).Push(data, _lines);
            Check();
        }

        public void OnClosed(OutputStream stream)
        {
            log.OnClosed(stream);
            if (_matched) return;
            Splitter(stream).Flush(_lines);
            Check();
        }

        private LineSplitter Splitter(OutputStream stream) => stream == OutputStream.Stdout ? _stdout : _stderr;

        private void Check()
        {
            foreach (var line in _lines)
            {
                if (!pattern.IsMatch(line)) continue;
                _matched = true;
                matched();
                break;
            }

            _lines.Clear();
        }
    }
}
