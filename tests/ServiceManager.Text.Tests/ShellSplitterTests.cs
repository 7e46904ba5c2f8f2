namespace ServiceManager.Text.Tests;

/// <summary>The shell-like splitter the config's start_command strings and the REPL's lines share.</summary>
public sealed class ShellSplitterTests
{
    [Theory]
    [InlineData("logs web-1 -n 5", new[] { "logs", "web-1", "-n", "5" })]
    [InlineData("start -- sh -c 'echo a; echo b'", new[] { "start", "--", "sh", "-c", "echo a; echo b" })]
    [InlineData("start --command \"npm run dev\"", new[] { "start", "--command", "npm run dev" })]
    [InlineData("  a\\ b  \"c\\\"d\" ''  ", new[] { "a b", "c\"d", "" })]
    public void Splits_like_a_shell(string line, string[] words) =>
        ShellSplitter.Split(line, out _)!.Select(w => w.Text).Should().Equal(words);

    [Fact]
    public void A_blank_line_has_no_words() => ShellSplitter.Split(" \t ", out _).Should().BeEmpty();

    [Theory]
    [InlineData("echo 'oops", "unterminated single quote at character 6", false)]
    [InlineData("a | b", "unquoted '|' at character 3", true)]
    [InlineData("oops\\", "ends with a backslash", false)]
    public void Says_why_a_line_cannot_be_split(string line, string message, bool isOperator)
    {
        ShellSplitter.Split(line, out var error).Should().BeNull();
        error.Should().Be(new ShellSplitError(message, isOperator));
    }

    [Fact]
    public void Tells_how_much_of_each_word_was_written_plain() =>
        ShellSplitter.Split("A=1 'B'=2 C\"=3\"", out _)!.Select(w => w.PlainPrefix).Should().Equal(3, 0, 1);

    [Fact]
    public void Gives_back_what_HumanText_quoted()
    {
        string[] argv = ["sh", "-c", "sleep 1; echo 'hi'", "", "a\\b"];
        ShellSplitter.Split(HumanText.Command(argv), out _)!.Select(w => w.Text).Should().Equal(argv);
    }
}
