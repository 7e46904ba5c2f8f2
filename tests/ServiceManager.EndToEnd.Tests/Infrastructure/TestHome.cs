namespace ServiceManager.EndToEnd.Tests.Infrastructure;

/// <summary>A private SVCMGR_HOME directory, deleted afterwards.</summary>
internal sealed class TestHome : IDisposable
{
    public TestHome()
    {
        // Short path: a Unix socket path must fit in 108 bytes.
        Path = Directory.CreateTempSubdirectory("svm-").FullName;
    }

    public string Path { get; }

    public string ConfigPath => System.IO.Path.Combine(Path, "services.toml");

    public string LogsDirectory => System.IO.Path.Combine(Path, "logs");

    public string PidFile => System.IO.Path.Combine(Path, "svcmgr.pid");

    public void WriteConfig(string toml) => File.WriteAllText(ConfigPath, toml);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
