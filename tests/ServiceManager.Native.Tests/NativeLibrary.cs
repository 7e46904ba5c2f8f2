using System.Diagnostics;

namespace ServiceManager.Native.Tests;

/// <summary>
/// libsvcmgr.so published from src/ServiceManager.Native as scripts/publish does (NativeAOT, Release), its header,
/// and the test's C program compiled against both with gcc: made once per test run, shared by every test.
/// </summary>
public sealed class NativeLibrary : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public NativeLibrary()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("svcmgr-native-").FullName;
        var project = Repository.File(Path.Combine("src", "ServiceManager.Native"));
        var library = Path.Combine(Directory, "lib");
        Run("dotnet", "publish", project, "-c", "Release", "-r", Rid(), "-o", library, "-nologo");
        Header = Path.Combine(project, "include", "svcmgr.h");
        Program = Path.Combine(Directory, "svcmgr-c");
        Run("gcc", "-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror", "-O1",
            "-I", Path.GetDirectoryName(Header)!, "-o", Program, Path.Combine(AppContext.BaseDirectory, "c", "svcmgr-c.c"),
            "-L", library, "-lsvcmgr", "-lpthread", "-Wl,-rpath," + library);
        Library = Path.Combine(library, "libsvcmgr.so");
    }

    /// <summary>Scratch directory of this run: the published library and the compiled program.</summary>
    public string Directory { get; }

    public string Library { get; }

    /// <summary>include/svcmgr.h of the repository, the one scripts/publish copies into artifacts/.</summary>
    public string Header { get; }

    /// <summary>The compiled C program (c/svcmgr-c.c), linked against <see cref="Library"/>.</summary>
    public string Program { get; }

    private static string Rid() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "linux-arm64",
        _ => "linux-x64",
    };

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{program} {string.Join(' ', args)}` ran longer than {BuildTimeout}");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{program} {string.Join(' ', args)}` exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class NativeLibraryCollection : ICollectionFixture<NativeLibrary>
{
    public const string Name = "libsvcmgr.so";
}
