using System.Globalization;

namespace ServiceManager.Reliability.Tests.Support;

/// <summary>
/// A child that writes numbered lines (0, 1, 2, ...) to stdout as fast as it can, one write(2) per line. When its
/// pipe breaks (the daemon died) it writes how many lines it got into the pipe to <c>NAME.sent</c> and exits, so a
/// test can compare what was sent with what reached the log file.
/// </summary>
internal static class Flooder
{
    /// <summary>python3 ignores SIGPIPE itself, so a broken pipe is an exception it can report.</summary>
    public const string Script = """
        import os, sys
        name = sys.argv[1]
        i = 0
        try:
            while True:
                os.write(1, b"%d\n" % i)
                i += 1
        except BrokenPipeError:
            with open(name + ".sent.tmp", "w") as f:
                f.write("%d\n" % i)
            os.rename(name + ".sent.tmp", name + ".sent")
        """;

    public static void WriteScript(TestHome home) => File.WriteAllText(Path.Combine(home.Path, "flood.py"), Script);

    /// <summary>The TOML array for start_command.</summary>
    public static string Command(string name) => $"""["python3", "flood.py", "{name}"]""";

    /// <summary>
    /// The numbers in an instance's log files, oldest file first, each line's text after " out ". Fails on a line
    /// that is not a number: a torn line. The live file's last line may lack its newline after a daemon was killed
    /// in the middle of writing it (<paramref name="allowCutTail"/>): a fragment the next daemon cuts off
    /// (RotatingLogFile), so it is not counted as logged.
    /// </summary>
    public static List<long> LoggedNumbers(TestHome home, string instance, bool allowCutTail = false)
    {
        var live = LogFiles.PathOf(home, instance);
        var files = Enumerable.Range(1, 20).Select(i => live + "." + i.ToString(CultureInfo.InvariantCulture)).Where(File.Exists).Reverse().Append(live);
        var numbers = new List<long>();
        foreach (var file in files.Where(File.Exists))
        {
            var text = File.ReadAllText(file);
            var cut = !text.EndsWith('\n') && text.Length > 0;
            if (cut) (allowCutTail && file == live).Should().BeTrue($"{file} ends in a line without its newline");
            var lines = text.Split('\n');
            // After the last newline: "" for a whole file, the fragment for a cut one.
            foreach (var line in lines.Take(lines.Length - 1))
            {
                var at = line.IndexOf(" out ", StringComparison.Ordinal);
                if (at < 0) continue; // [svcmgr] notes are on stderr
                long.TryParse(line.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out var n).Should().BeTrue($"'{line}' in {file} is a whole line");
                numbers.Add(n);
            }
        }

        return numbers;
    }

    /// <summary>Bytes of the lines <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) as written: digits plus newline.</summary>
    public static long BytesOf(long from, long to)
    {
        long bytes = 0;
        for (var n = from; n < to; n++) bytes += n.ToString(CultureInfo.InvariantCulture).Length + 1;
        return bytes;
    }
}
