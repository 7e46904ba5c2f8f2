using System.Diagnostics;

namespace ServiceManager.TestSupport;

/// <summary>
/// A CLI process that keeps running (<c>logs -f</c>, a <c>repl</c> fed line by line): its stdout is read line by line;
/// killed on dispose.
/// </summary>
public sealed class StreamingCli : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private StreamingCli(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static StreamingCli Start(string home, params string[] args)
    {
        var process = Process.Start(Svcmgr.StartInfo(home, args))!;
        process.StandardInput.Close();
        return new StreamingCli(process);
    }

    /// <summary>As <see cref="Start"/>, with stdin left open for <see cref="WriteLineAsync"/>.</summary>
    public static StreamingCli StartWithInput(string home, params string[] args) => new(Process.Start(Svcmgr.StartInfo(home, args))!);

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Its exit code, once it has ended on its own within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Reads lines until one satisfies <paramref name="accept"/>; returns every line read, that one last.</summary>
    public async Task<IReadOnlyList<string>> ReadUntilAsync(Func<string, bool> accept, string what, TimeSpan? timeout = null)
    {
        var lines = new List<string>();
        using var cancel = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        try
        {
            while (true)
            {
                var line = await _process.StandardOutput.ReadLineAsync(cancel.Token)
                    ?? throw new EndOfStreamException($"the CLI ended before printing {what}; it printed:\n{string.Join('\n', lines)}\nstderr: {await StderrAsync()}");
                lines.Add(line);
                if (accept(line)) return lines;
            }
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"timed out waiting for the CLI to print {what}; it printed:\n{string.Join('\n', lines)}", ex);
        }
    }

    private async Task<string> StderrAsync() => _process.HasExited ? await _stderr : "(still running)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
