using System.Text.RegularExpressions;

namespace ServiceManager.Native.Tests;

/// <summary>
/// The Python (ctypes) example of docs/c-library.md, run as written against the published library and a real daemon:
/// a doc example nobody runs drifts from the library it shows.
/// </summary>
[Collection(NativeLibraryCollection.Name)]
public sealed partial class PythonExampleTests(NativeLibrary native) : IAsyncLifetime
{
    private const string Config = """
        [instances.web]
        start_command = ["sleep", "3600"]
        auto_start = false
        """;

    private readonly TestHome _home = new();
    private DaemonProcess _daemon = null!;

    public async Task InitializeAsync()
    {
        _home.WriteConfig(Config);
        _daemon = await DaemonProcess.StartAsync(_home.Path);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task The_docs_python_example_lists_reads_status_and_starts_through_the_library()
    {
        var script = Path.Combine(_home.Path, "example.py");
        await File.WriteAllTextAsync(script, ExampleFromDocs());

        var run = await RunPythonAsync(script);

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "[('web', 'stopped', None)]",
            "stopped",
            "0");
        await using var client = await _daemon.ConnectAsync();
        await Eventually.GetAsync(async () => (await client.StatusAsync("web")).State, s => s == "running", "web running after the example's start");
    }

    private static string ExampleFromDocs()
    {
        var doc = File.ReadAllText(Repository.File("docs/c-library.md"));
        var match = PythonBlock().Match(doc);
        match.Success.Should().BeTrue("docs/c-library.md has a ```python block under \"From Python (ctypes)\"");
        return match.Groups["code"].Value;
    }

    private Task<CliResult> RunPythonAsync(string script) =>
        // /usr/bin/python3 rather than whatever shim is first on PATH: the example needs only the standard library.
        // It loads "libsvcmgr.so" by name, as an installed library is found: through the loader's path.
        ExternalTool.RunAsync(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", [script], environment: new Dictionary<string, string?>
        {
            ["LD_LIBRARY_PATH"] = Path.GetDirectoryName(native.Library)!,
            ["SVCMGR_SOCKET"] = _daemon.SocketPath,
            ["SVCMGR_HOME"] = null,
        });

    [GeneratedRegex(@"## From Python \(ctypes\)\s+```python\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();
}
