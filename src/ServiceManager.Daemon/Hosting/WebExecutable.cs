namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Where <c>svcmgr-web</c> is: beside the running executable, as <c>scripts/publish</c> puts it (the native
/// <c>svcmgr-web</c>), or as <c>svcmgr-web.dll</c> run by the same <c>dotnet</c> host in a development build.
/// </summary>
internal static class WebExecutable
{
    public static (string File, IReadOnlyList<string> Prefix) Locate()
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "svcmgr-web.dll");
        var host = Environment.ProcessPath;
        var underDotnet = host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet";
        if (underDotnet && File.Exists(dll)) return (host!, [dll]);
        return (Path.Combine(directory, "svcmgr-web"), []);
    }
}
