namespace ServiceManager.Benchmarks;

/// <summary>Finds files of the repository from wherever BenchmarkDotNet runs its generated program.</summary>
internal static class RepositoryFiles
{
    /// <summary>Above the program's directory, else above the current directory (for a copied build).</summary>
    public static string Path(string relative)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "ServiceManager.sln")))
                    return System.IO.Path.Combine(dir.FullName, relative);
            }
        }
        throw new FileNotFoundException($"no ServiceManager.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}", relative);
    }
}
