using ServiceManager.Config.Tests.Support;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.Tests;

public sealed class ShellSplittingTests : ConfigTestBase
{
    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("echo 'a b' \"c d\"", new[] { "echo", "a b", "c d" })]
    [InlineData("echo 'it''s'", new[] { "echo", "its" })]
    [InlineData("echo a\\ b", new[] { "echo", "a b" })]
    [InlineData("echo \"say \\\"hi\\\" \\\\ \\n\"", new[] { "echo", "say \"hi\" \\ \\n" })]
    [InlineData("echo '\\n'", new[] { "echo", "\\n" })]
    [InlineData("echo '' x", new[] { "echo", "", "x" })]
    [InlineData("echo pre\"mid\"'post'", new[] { "echo", "premidpost" })]
    [InlineData("a \\\n b", new[] { "a", "b" })]
    public void Words_split_like_a_posix_shell(string text, string[] expected)
    {
        ShellWords.Split(text, out var error)!.Select(w => w.Text).Should().Equal(expected);
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("echo 'oops", "unterminated single quote at character 6")]
    [InlineData("echo \"oops", "unterminated double quote at character 6")]
    [InlineData("echo oops\\", "ends with a backslash")]
    [InlineData("a | b", "unquoted '|' at character 3: start_command is not run by a shell; quote it, or set shell = true")]
    [InlineData("a && b", "unquoted '&' at character 3: start_command is not run by a shell; quote it, or set shell = true")]
    [InlineData("a > log", "unquoted '>' at character 3: start_command is not run by a shell; quote it, or set shell = true")]
    public void Malformed_command_lines_are_rejected(string text, string message)
    {
        ShellWords.Split(text, out var error).Should().BeNull();
        error.Should().Be(message);
    }

    [Fact]
    public void Only_unquoted_leading_NAME_equals_words_are_assignments()
    {
        var words = ShellWords.Split("A=1 'B=2' C\"=3\" 1X=4 prog D=5", out _)!;
        words.Select(w => w.IsAssignment).Should().Equal(true, false, false, false, false, true);
    }

    [Fact]
    public void An_unterminated_quote_in_the_config_is_an_error_at_the_command()
    {
        var error = SingleError("[instances.a]\nstart_command = \"echo 'hi\"\n");
        error.ToString().Should().Be($"{ConfigPath}:2:17: instances.a.start_command: unterminated single quote at character 6");
    }

    [Fact]
    public void Leading_assignments_become_environment_and_the_rest_is_argv()
    {
        var config = Load("""
            [instances.a]
            start_command = "LANG=C  GREETING='hello world' printf '%s\n' X=not-env"
            env = { LANG = "en_US.UTF-8", OTHER = "kept" }
            """);

        var a = config.Instances.Single();
        a.Command.Should().Equal("printf", "%s\n", "X=not-env");
        a.Environment.Should().Contain("LANG", "C", "a leading assignment beats the env table")
            .And.Contain("GREETING", "hello world")
            .And.Contain("OTHER", "kept")
            .And.NotContainKey("X");
    }

    [Fact]
    public void A_placeholder_with_spaces_stays_one_argument()
    {
        var config = Load("""
            [instances.a]
            working_dir = "{config}/my dir"
            start_command = "ls {working_dir}"
            """);

        config.Instances.Single().Command.Should().Equal("ls", Path.Combine(Dir.Path, "my dir"));
    }
}
