namespace ServiceManager.Platform;

/// <summary>Linux signal numbers by name, for config keys such as <c>stop_signal = "SIGTERM"</c>.</summary>
public static class SignalNames
{
    private static readonly (string Name, int Number)[] Table =
    [
        ("SIGHUP", 1), ("SIGINT", 2), ("SIGQUIT", 3), ("SIGILL", 4), ("SIGTRAP", 5), ("SIGABRT", 6), ("SIGBUS", 7),
        ("SIGFPE", 8), ("SIGKILL", 9), ("SIGUSR1", 10), ("SIGSEGV", 11), ("SIGUSR2", 12), ("SIGPIPE", 13),
        ("SIGALRM", 14), ("SIGTERM", 15), ("SIGCHLD", 17), ("SIGCONT", 18), ("SIGSTOP", 19), ("SIGTSTP", 20),
        ("SIGTTIN", 21), ("SIGTTOU", 22), ("SIGURG", 23), ("SIGXCPU", 24), ("SIGXFSZ", 25), ("SIGVTALRM", 26),
        ("SIGPROF", 27), ("SIGWINCH", 28), ("SIGIO", 29), ("SIGPWR", 30), ("SIGSYS", 31),
    ];

    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGINT = 2;

    /// <summary>Accepts "SIGTERM", "TERM" or "15" (any case); null when unknown.</summary>
    public static int? Parse(string text)
    {
        var t = text.Trim().ToUpperInvariant();
        if (int.TryParse(t, out var n)) return n is > 0 and < 65 ? n : null;
        if (!t.StartsWith("SIG", StringComparison.Ordinal)) t = "SIG" + t;
        foreach (var (name, number) in Table)
            if (name == t) return number;
        return null;
    }

    public static string Name(int signal)
    {
        foreach (var (name, number) in Table)
            if (number == signal) return name;
        return signal.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
