namespace ServiceManager.Benchmarks;

/// <summary>Finds files of the repository from wherever BenchmarkDotNet runs its generated program.</summary>
internal static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ServiceManager.sln")))
                return System.IO.Path.Combine(dir.FullName, relative);
        }
        throw new FileNotFoundException($"no ServiceManager.sln above {AppContext.BaseDirectory}", relative);
    }
}
