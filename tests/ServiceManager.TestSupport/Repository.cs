namespace ServiceManager.TestSupport;

/// <summary>The source tree the tests were built from (docs, scripts): the directory holding ServiceManager.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ServiceManager.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no ServiceManager.sln above {AppContext.BaseDirectory}");
    }
}
