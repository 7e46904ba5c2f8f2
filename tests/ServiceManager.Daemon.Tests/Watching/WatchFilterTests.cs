using ServiceManager.Config.Model;
using ServiceManager.Daemon.Watching;

namespace ServiceManager.Daemon.Tests.Watching;

/// <summary>Which paths a watch counts and which directories it watches, over a real directory tree.</summary>
public sealed class WatchFilterTests : IDisposable
{
    private readonly TempDir _dir = new("svcmgr-watchfilter-");

    public void Dispose() => _dir.Dispose();

    private WatchFilter Filter(string[] paths, params string[] ignore) =>
        new(_dir.Path, new WatchSettings(paths, ignore, TimeSpan.FromMilliseconds(100)));

    private string Full(string relative) => Path.Combine(_dir.Path, relative);

    [Theory]
    [InlineData("src/app.py", true)]
    [InlineData("src/deep/er/mod.py", true)]
    [InlineData("src", true)]
    [InlineData("config/app.toml", true)]
    [InlineData("config/app.json", false)]
    [InlineData("config/nested/app.toml", false)]
    [InlineData("README.md", false)]
    [InlineData("src/.git/index", false)]
    [InlineData("src/node_modules/x/index.js", false)]
    [InlineData("src/server.log", false)]
    [InlineData("src/generated/out.py", false)]
    [InlineData("src/generatedness/out.py", true)]
    public void A_change_counts_at_or_under_a_watch_match_unless_a_name_or_a_relative_path_is_ignored(string path, bool counts)
    {
        var filter = Filter(["src", "./config/*.toml"], ".git", "node_modules", "*.log", "src/generated");
        filter.Counts(Full(path)).Should().Be(counts);
    }

    [Fact]
    public void A_dot_watches_the_whole_working_directory_and_nothing_outside_it()
    {
        var filter = Filter(["."], "*.tmp");
        filter.Counts(Full("a/b/c.txt")).Should().BeTrue();
        filter.Counts(Full("a/b/c.tmp")).Should().BeFalse();
        filter.Counts("/etc/passwd").Should().BeFalse();
        filter.Roots.Should().Equal(_dir.Path);
    }

    [Fact]
    public void An_absolute_watch_path_matches_by_its_absolute_path()
    {
        var config = Full("services.toml");
        var filter = Filter([config]);
        filter.Counts(config).Should().BeTrue();
        filter.Counts(config + ".swp").Should().BeFalse();
        filter.Roots.Should().Equal(_dir.Path);
    }

    [Fact]
    public void Roots_are_the_literal_parts_that_exist_or_the_nearest_directory_above_without_one_under_another()
    {
        Directory.CreateDirectory(Full("src/lib"));
        Directory.CreateDirectory(Full("config"));
        var filter = Filter(["src", "src/lib/*.py", "config/*.toml", "dist/**/*.js"]);
        filter.Roots.Should().BeEquivalentTo([_dir.Path], "dist does not exist yet, so the working directory is watched for it to appear");

        filter = Filter(["src", "src/lib/*.py", "config/*.toml"]);
        filter.Roots.Should().BeEquivalentTo([Full("src"), Full("config")]);
        filter.Display(Full("src/lib/a.py")).Should().Be("src/lib/a.py");
    }
}
