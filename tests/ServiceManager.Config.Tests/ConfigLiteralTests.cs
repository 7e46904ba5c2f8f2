using ServiceManager.Config.Writing;

namespace ServiceManager.Config.Tests;

/// <summary><see cref="ConfigLiteral"/>: what a tool writes into a config reads back as the exact text.</summary>
public sealed class ConfigLiteralTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("{name} and {port} stay literal")]
    [InlineData("{{already}} escaped once, {{{tripled}}}")]
    [InlineData("${HOME} and ${UNSET:-x} are not expanded; $${ neither")]
    [InlineData("quotes \" and ' and \\ backslash")]
    [InlineData("tab\tnewline\nbell\u0007")]
    [InlineData("{\"json\": 1} { a; } {Upper} {")]
    public void A_value_written_with_it_loads_back_unchanged(string value)
    {
        var toml = $"""
            [instances.a]
            start_command = [{ConfigLiteral.Expanding("/bin/echo")}, {ConfigLiteral.Expanding(value)}]

            [instances.a.env]
            {ConfigLiteral.Key("VALUE")} = {ConfigLiteral.Expanding(value)}
            """;

        var instance = ConfigLoader.Parse(toml, "/tmp/services.toml", new Dictionary<string, string>()).Instances.Single();

        instance.Command.Should().Equal("/bin/echo", value);
        instance.Environment["VALUE"].Should().Be(value);
    }
}
