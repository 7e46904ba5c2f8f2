namespace ServiceManager.Native.Tests;

/// <summary>Without a daemon: connecting still gives a client, and the first call says 2.</summary>
[Collection(NativeLibraryCollection.Name)]
public sealed class NoDaemonTests(NativeLibrary native)
{
    [Fact]
    public async Task A_missing_daemon_is_2_on_the_first_call_with_a_message_naming_the_socket()
    {
        using var home = new TestHome();
        var socket = Path.Combine(home.Path, "svcmgr.sock");

        var result = await CProgram.RunAsync(native.Program, socket, null, "list");

        result.Rc.Should().Be(2, result.ToString());
        result.Error.Should().Contain(socket);
        result.Result.Should().BeNull("no result is handed out for a failed call");
    }

    [Fact]
    public void The_header_declares_exactly_the_functions_the_library_exports()
    {
        var declared = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(native.Header), @"\b(svcmgr_\w+)\s*\(")
            .Select(m => m.Groups[1].Value).ToHashSet();
        var exported = Exports(native.Library);

        declared.Should().BeEquivalentTo(
            ["svcmgr_connect", "svcmgr_disconnect", "svcmgr_call", "svcmgr_list", "svcmgr_start", "svcmgr_stop",
             "svcmgr_restart", "svcmgr_last_error", "svcmgr_free", "svcmgr_version"]);
        exported.Where(e => e.StartsWith("svcmgr_", StringComparison.Ordinal)).Should().BeEquivalentTo(declared);
    }

    /// <summary>The dynamic symbols the library defines (<c>nm -D --defined-only</c>), without the version the NativeAOT
    /// linker gives them (<c>svcmgr_call@@V1.0</c>).</summary>
    private static IReadOnlyList<string> Exports(string library)
    {
        var info = new System.Diagnostics.ProcessStartInfo("nm", ["-D", "--defined-only", library]) { RedirectStandardOutput = true };
        using var nm = System.Diagnostics.Process.Start(info)!;
        var output = nm.StandardOutput.ReadToEnd();
        nm.WaitForExit();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[^1].Split('@')[0])];
    }
}
