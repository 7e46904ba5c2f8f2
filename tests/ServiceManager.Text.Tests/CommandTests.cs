namespace ServiceManager.Text.Tests;

public sealed class CommandTests
{
    [Theory]
    [InlineData("python3", "python3")]
    [InlineData("--bind=127.0.0.1:8080", "--bind=127.0.0.1:8080")]
    [InlineData("a,b@c%d+e", "a,b@c%d+e")]
    [InlineData("", "''")]
    [InlineData("two words", "'two words'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("café", "'café'")]
    public void Words_are_quoted_only_when_a_shell_would_not_take_them_literally(string word, string expected) =>
        HumanText.ShellQuote(word).Should().Be(expected);

    [Fact]
    public void An_argv_reads_as_one_shell_line() =>
        HumanText.Command(["sh", "-c", "sleep 1; echo 'hi'", ""]).Should().Be("sh -c 'sleep 1; echo '\\''hi'\\''' ''");

    [Fact]
    public void The_quoted_line_splits_back_into_the_same_words_in_a_real_shell()
    {
        string[] argv = ["printf", "%s\\n", "it's", "a b", "$HOME", "", "*", "x\ny"];
        var start = new System.Diagnostics.ProcessStartInfo("sh", ["-c", HumanText.Command(argv)]) { RedirectStandardOutput = true };
        using var shell = System.Diagnostics.Process.Start(start)!;
        var output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();

        output.Should().Be(string.Concat(argv.Skip(2).Select(w => w + "\n")));
    }
}
